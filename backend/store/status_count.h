// How many connectors are active, kept in the meta database inside the same write transactions
// that change the name index, so that a list filtered by status knows its total without walking
// every summary. Made once when a store of schema version 1 is upgraded (lmdb_connector_store.cpp).
#pragma once

#include <cstddef>
#include <string_view>

#include "datahub/connector.h"
#include "datahub/result.h"
#include "lmdb_env.h"

namespace datahub::backend {

inline constexpr std::string_view kActiveCountKey = "active_count";

// The stored count (0 when there is none yet).
std::size_t read_active_count(Txn& txn, MDB_dbi meta);

// 1 for an active connector, else 0: what it adds to the count.
inline int is_active(const Connector& c) {
  return c.status == ConnectorStatus::Active ? 1 : 0;
}

// Adds `delta` to the stored count (a no-op for 0).
Result<bool> add_active(Txn& txn, MDB_dbi meta, int delta);

// Counts the active summaries of the name index and stores the result when it differs.
Result<bool> recount_active(Txn& txn, MDB_dbi names, MDB_dbi meta);

}  // namespace datahub::backend
