// One LMDB environment and its transactions, with the two things LMDB leaves to its user:
// growing the map when it is full, and keeping every transaction of this process out of the
// way while the map is resized (mdb_env_set_mapsize needs no active transaction).
//
// [SECTION] Txn: one transaction, remembering its first LMDB failure
// [SECTION] Cursor: a cursor over one database of a transaction
// [SECTION] LmdbEnv: open, read, write (with growth on MDB_MAP_FULL)
#pragma once

#include <lmdb.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "datahub/result.h"

namespace datahub::backend {

// An Internal problem for an LMDB return code; the detail says what was being done. (A write
// that failed for want of space is a 507 instead: LmdbEnv::write reports that itself.)
Problem lmdb_problem(int rc, std::string_view what);

// [SECTION] Txn
// Steps return MDB_NOTFOUND / MDB_KEYEXIST as answers; any other failure is remembered, and
// the environment then aborts the transaction whatever the step returns (and, for
// MDB_MAP_FULL, grows the map and runs the step again).
class Txn {
 public:
  explicit Txn(MDB_txn* txn) : m_txn(txn) {}
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  MDB_txn* raw() const { return m_txn; }
  int failure() const { return m_failure; }
  // Remembers `rc` when it is a real failure; returns it unchanged.
  int check(int rc);

  // `value` views the map: valid until this transaction writes or ends.
  int get(MDB_dbi dbi, std::string_view key, std::string_view& value);
  int put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags = 0);
  int del(MDB_dbi dbi, std::string_view key);
  // Entries in `dbi` (0 after a failure).
  std::size_t entries(MDB_dbi dbi);

  int commit();  // ends the transaction either way
  void abort();

 private:
  MDB_txn* m_txn;
  int m_failure = 0;
};

// [SECTION] Cursor
class Cursor {
 public:
  Cursor(Txn& txn, MDB_dbi dbi);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // MDB_FIRST, MDB_NEXT, MDB_PREV, MDB_LAST...; 0 or MDB_NOTFOUND (or a remembered failure).
  int step(MDB_cursor_op op);
  // MDB_SET_RANGE: the first key >= `key`.
  int seek(std::string_view key);
  std::string_view key() const;
  std::string_view value() const;

 private:
  Txn& m_txn;
  MDB_cursor* m_cursor = nullptr;
  MDB_val m_key{};
  MDB_val m_value{};
};

// [SECTION] LmdbEnv
struct LmdbEnvOptions {
  std::filesystem::path dir;                        // created (0700) when missing
  std::size_t initial_map_size = 64u << 20;         // grows by doubling when full
  std::size_t max_map_size = std::size_t{1} << 40;  // address space, not disk: a safety stop
  unsigned max_readers = 126;                       // concurrent read transactions (threads)
  bool sync = true;  // false (MDB_NOSYNC) only for bulk loads in benchmarks: a crash may lose
                     // the last commits
  // How often a write first clears the reader slots of processes that died (a `backup` killed
  // halfway): their old snapshot pins pages, and the file grows while they stay.
  std::chrono::milliseconds reader_check_interval = std::chrono::minutes(1);
};

class LmdbEnv {
 public:
  static Result<std::unique_ptr<LmdbEnv>> open(const LmdbEnvOptions& options);
  ~LmdbEnv();
  LmdbEnv(const LmdbEnv&) = delete;
  LmdbEnv& operator=(const LmdbEnv&) = delete;

  // Opens (creating) a named database. Call before any other thread uses the environment.
  Result<MDB_dbi> open_db(const char* name);

  // Runs `step` in a read transaction.
  template <class T>
  Result<T> read(const std::function<Result<T>(Txn&)>& step) {
    return run_typed<T>(false, step);
  }
  // Runs `step` in one write transaction and commits when it returns a value. `step` may run
  // more than once (after the map grows), so it must not have effects outside the txn.
  template <class T>
  Result<T> write(const std::function<Result<T>(Txn&)>& step) {
    return run_typed<T>(true, step);
  }

  std::size_t map_size() const;
  // Bytes of the map in use (pages up to the last one written): the store's size on disk.
  std::size_t used_bytes() const;
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  LmdbEnv(MDB_env* env, const LmdbEnvOptions& options);

  template <class T>
  Result<T> run_typed(bool write, const std::function<Result<T>(Txn&)>& step) {
    std::optional<Result<T>> out;
    int rc = run(write, [&](Txn& txn) {
      out.emplace(step(txn));
      return out->ok();
    });
    if (rc != 0) return failure_problem(rc, write);
    return std::move(*out);
  }

  // 507 insufficient-storage when a write found no room (map or disk full), else Internal.
  Problem failure_problem(int rc, bool write) const;
  // 0 when the step ran (and, for a write it accepted, committed); else the LMDB failure.
  int run(bool write, const std::function<bool(Txn&)>& step);
  int attempt(bool write, const std::function<bool(Txn&)>& step);
  // Doubles the map (MDB_MAP_FULL) or adopts another process's size (MDB_MAP_RESIZED).
  int resize(int cause);
  // A shared hold on m_resize for one transaction, taken through m_gate so that a waiting
  // resize is not starved by a steady stream of readers (glibc's rwlock prefers readers).
  std::shared_lock<std::shared_mutex> enter();

  MDB_env* m_env;
  std::filesystem::path m_dir;
  std::size_t m_max_map_size;
  std::mutex m_writer;  // one writer at a time in this process (LMDB's rule anyway)
  std::chrono::milliseconds m_reader_check_interval;
  std::chrono::steady_clock::time_point m_readers_checked;  // under m_writer
  std::shared_mutex m_resize;  // shared: any transaction; exclusive: mdb_env_set_mapsize
  std::mutex m_gate;           // held by a resize while it waits: new transactions queue
};

}  // namespace datahub::backend
