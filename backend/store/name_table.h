// An in-memory copy of the "names" database (name_index.h), so that a list filtered by `q` or
// sorted by another column walks memory instead of reading and decoding 100,000 LMDB entries.
//
// It changes only after a write transaction commits (an aborted or failed one leaves it as it
// was), and it is rebuilt whenever the store opens. A "names_generation" counter in meta moves
// in every write transaction that changes the names database; the copy remembers the generation
// it holds, and a reader uses it only when that matches the generation of its own LMDB snapshot
// (otherwise, during a commit not yet copied, it reads the names database as before).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "datahub/result.h"
#include "lmdb_env.h"
#include "name_rows.h"

namespace datahub::backend {

inline constexpr std::string_view kNamesGenerationKey = "names_generation";

// The generation of the names database in `txn`'s snapshot (0 before the first change).
std::uint64_t read_names_generation(Txn& txn, MDB_dbi meta);
// Moves the generation on by one inside a write transaction; returns the new one.
Result<std::uint64_t> bump_names_generation(Txn& txn, MDB_dbi meta);

// What one write transaction did to the names database, in order (nullopt value: a delete).
class NameChanges {
 public:
  void put(std::string key, std::string value) { m_ops.emplace_back(std::move(key), value); }
  void del(std::string key) { m_ops.emplace_back(std::move(key), std::nullopt); }
  void clear() { m_ops.clear(); }
  bool empty() const { return m_ops.empty(); }
  void apply_to(NameRows& rows) const;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> m_ops;
};

class NameTable {
 public:
  // Everything at once (when the store opens).
  Result<bool> rebuild(Txn& txn, MDB_dbi names, MDB_dbi meta);
  // A committed transaction's changes, which made `generation`.
  void apply(const NameChanges& changes, std::uint64_t generation);
  // Runs `read` over the rows when they are those of `generation`; false (not run) otherwise.
  bool read_at(std::uint64_t generation, const std::function<void(const NameRows&)>& read) const;

 private:
  mutable std::shared_mutex m_lock;
  NameRows m_rows;
  std::optional<std::uint64_t> m_generation;  // nothing: not built (or not usable)
};

}  // namespace datahub::backend
