#include "status_count.h"

#include <charconv>
#include <string>

#include "name_index.h"

namespace datahub::backend {

std::size_t read_active_count(Txn& txn, MDB_dbi meta) {
  std::string_view stored;
  std::size_t count = 0;
  if (txn.get(meta, kActiveCountKey, stored) == 0)
    std::from_chars(stored.data(), stored.data() + stored.size(), count);
  return count;
}

namespace {

Result<bool> store_count(Txn& txn, MDB_dbi meta, std::size_t count) {
  if (int rc = txn.put(meta, kActiveCountKey, std::to_string(count)); rc != 0)
    return lmdb_problem(rc, "writing the active count");
  return true;
}

}  // namespace

Result<bool> add_active(Txn& txn, MDB_dbi meta, int delta) {
  if (delta == 0) return true;
  const std::size_t count = read_active_count(txn, meta);
  // Never below zero: a count from before a recount must not wrap around.
  const std::size_t next = delta < 0 && count == 0 ? 0 : count + static_cast<std::size_t>(delta);
  return store_count(txn, meta, next);
}

Result<bool> recount_active(Txn& txn, MDB_dbi names, MDB_dbi meta) {
  std::size_t active = 0;
  Cursor cursor(txn, names);
  for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
    auto summary = decode_name_summary(cursor.value());
    if (summary && summary->status == ConnectorStatus::Active) ++active;
  }
  if (txn.failure() != 0) return lmdb_problem(txn.failure(), "counting active connectors");
  std::string_view stored;
  if (txn.get(meta, kActiveCountKey, stored) == 0 && stored == std::to_string(active)) return true;
  return store_count(txn, meta, active);
}

}  // namespace datahub::backend
