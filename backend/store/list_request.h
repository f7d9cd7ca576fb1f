// GET /api/connectors's query checked and prepared for a store's list: the limit, the sort
// order and the cursor, the same for every store.
#pragma once

#include "connector_store.h"
#include "list_scan.h"

namespace datahub::backend {

// BadRequest for a limit out of range (field "limit"), an unknown sort ("sort"), or a cursor
// that is not from a previous page of this order ("cursor").
Result<ListScan> to_list_scan(const ListQuery& query);

}  // namespace datahub::backend
