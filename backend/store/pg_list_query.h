// GET /api/connectors on PostgreSQL: the filters as a WHERE clause, each sort order as an
// ORDER BY that an index of pg_migrations.cpp serves, and the cursor as a row position in that
// order, so pages match the LMDB store's (list_scan.h) row for row.
#pragma once

#include <string>
#include <vector>

#include "list_scan.h"

namespace datahub::backend {

struct PgStatement {
  std::string sql;
  std::vector<std::string> params;
};

// SELECT count(*) of every match (the total over all pages).
PgStatement pg_list_count(const ListScan& scan);
// SELECT record, folded_name, <sort key> of the page's rows plus one (which says more follow).
PgStatement pg_list_page(const ListScan& scan);
// The sort key column of `order` ("folded_name" for the name orders).
const char* pg_sort_column(const SortOrder& order);

}  // namespace datahub::backend
