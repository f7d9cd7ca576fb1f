#include "name_table.h"

#include <charconv>
#include <mutex>

namespace datahub::backend {

std::uint64_t read_names_generation(Txn& txn, MDB_dbi meta) {
  std::string_view stored;
  std::uint64_t generation = 0;
  if (txn.get(meta, kNamesGenerationKey, stored) == 0) {
    std::from_chars(stored.data(), stored.data() + stored.size(), generation);
  }
  return generation;
}

Result<std::uint64_t> bump_names_generation(Txn& txn, MDB_dbi meta) {
  const std::uint64_t next = read_names_generation(txn, meta) + 1;
  if (int rc = txn.put(meta, kNamesGenerationKey, std::to_string(next)); rc != 0) {
    return lmdb_problem(rc, "writing the names generation");
  }
  return next;
}

void NameChanges::apply_to(NameRows& rows) const {
  for (const auto& [key, value] : m_ops) {
    if (value)
      rows.put(key, *value);
    else
      rows.erase(key);
  }
}

Result<bool> NameTable::rebuild(Txn& txn, MDB_dbi names, MDB_dbi meta) {
  NameRows rows;
  {
    Cursor cursor(txn, names);
    // In key order: each row goes at the end.
    for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
      rows.put(cursor.key(), cursor.value());
    }
  }
  if (txn.failure() != 0) return lmdb_problem(txn.failure(), "copying the name index");
  const std::uint64_t generation = read_names_generation(txn, meta);
  std::unique_lock lock(m_lock);
  m_rows = std::move(rows);
  m_generation = generation;
  return true;
}

void NameTable::apply(const NameChanges& changes, std::uint64_t generation) {
  std::unique_lock lock(m_lock);
  // A gap means a write this process did not see (another process): the copy is then unusable
  // and readers keep to LMDB.
  if (!m_generation || *m_generation + 1 != generation) {
    m_generation.reset();
    return;
  }
  changes.apply_to(m_rows);
  m_generation = generation;
}

bool NameTable::read_at(std::uint64_t generation,
                        const std::function<void(const NameRows&)>& read) const {
  std::shared_lock lock(m_lock);
  if (m_generation != generation) return false;
  read(m_rows);
  return true;
}

}  // namespace datahub::backend
