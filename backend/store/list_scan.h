// Walking the name index for one page of GET /api/connectors: which ids, whether more follow,
// and how many match in all. Works on summaries only; the caller loads the page's records.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "datahub/result.h"
#include "list_cursor.h"
#include "list_sort.h"
#include "lmdb_env.h"
#include "name_index.h"
#include "name_table.h"

namespace datahub::backend {

struct ListScan {
  NameFilter filter;
  SortOrder order;
  std::optional<ListPosition> after;  // from the cursor; nothing: from the start
  std::size_t limit = 50;
  std::size_t offset = 0;  // matches skipped before the page
  // Set by the store when it knows how many match (no filter, or a status filter alone): the
  // scan then stops once the page is full and one more match is seen.
  std::optional<std::size_t> known_total;
};

struct ScannedPage {
  std::vector<std::string> ids;  // in name order
  ListPosition last;             // the last row's position, for the next cursor
  bool more = false;             // a match follows the page
  std::size_t total = 0;         // matches over the whole index
};

// In the index order with a known total (no filter, or a status filter alone): from the cursor
// to the match after the page. Otherwise filtered: one pass over every summary (no record is
// parsed). Any other order: one pass,
// then a sort of the matches' keys.
Result<ScannedPage> scan_names(Txn& txn, MDB_dbi names, const ListScan& scan);
// The same scan over the in-memory copy of the index (name_table.h): the same page.
Result<ScannedPage> scan_names(const NameRows& names, const ListScan& scan);

}  // namespace datahub::backend
