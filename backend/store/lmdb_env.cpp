#include "lmdb_env.h"

#include <system_error>

#include "storage_full.h"

namespace datahub::backend {

namespace {

MDB_val as_val(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}

std::string_view as_view(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// Closes the handle unless ownership moves on (open() failing halfway).
struct EnvGuard {
  MDB_env* env = nullptr;
  ~EnvGuard() {
    if (env) mdb_env_close(env);
  }
};

Result<bool> make_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::create_directories(dir, ec)) {
    // Records hold names and URLs of internal systems: keep the folder private.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  }
  if (ec) {
    return make_problem(ProblemType::Internal,
                        "data directory " + dir.string() + ": " + ec.message());
  }
  return true;
}

}  // namespace

Problem lmdb_problem(int rc, std::string_view what) {
  return make_problem(ProblemType::Internal,
                      "store: " + std::string(what) + " failed: " + mdb_strerror(rc));
}

// [SECTION] Txn

Txn::~Txn() {
  abort();
}

int Txn::check(int rc) {
  if (rc != 0 && rc != MDB_NOTFOUND && rc != MDB_KEYEXIST && m_failure == 0) m_failure = rc;
  return rc;
}

int Txn::get(MDB_dbi dbi, std::string_view key, std::string_view& value) {
  MDB_val k = as_val(key);
  MDB_val v{};
  int rc = check(mdb_get(m_txn, dbi, &k, &v));
  if (rc == 0) value = as_view(v);
  return rc;
}

int Txn::put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags) {
  MDB_val k = as_val(key);
  MDB_val v = as_val(value);
  return check(mdb_put(m_txn, dbi, &k, &v, flags));
}

int Txn::del(MDB_dbi dbi, std::string_view key) {
  MDB_val k = as_val(key);
  return check(mdb_del(m_txn, dbi, &k, nullptr));
}

std::size_t Txn::entries(MDB_dbi dbi) {
  MDB_stat st{};
  if (check(mdb_stat(m_txn, dbi, &st)) != 0) return 0;
  return st.ms_entries;
}

int Txn::commit() {
  MDB_txn* txn = m_txn;
  m_txn = nullptr;
  return txn ? check(mdb_txn_commit(txn)) : m_failure;
}

void Txn::abort() {
  if (m_txn) mdb_txn_abort(m_txn);
  m_txn = nullptr;
}

// [SECTION] Cursor

Cursor::Cursor(Txn& txn, MDB_dbi dbi) : m_txn(txn) {
  if (txn.check(mdb_cursor_open(txn.raw(), dbi, &m_cursor)) != 0) m_cursor = nullptr;
}

Cursor::~Cursor() {
  if (m_cursor) mdb_cursor_close(m_cursor);
}

int Cursor::step(MDB_cursor_op op) {
  if (!m_cursor) return m_txn.failure();
  return m_txn.check(mdb_cursor_get(m_cursor, &m_key, &m_value, op));
}

int Cursor::seek(std::string_view key) {
  if (!m_cursor) return m_txn.failure();
  m_key = as_val(key);
  return m_txn.check(mdb_cursor_get(m_cursor, &m_key, &m_value, MDB_SET_RANGE));
}

std::string_view Cursor::key() const {
  return as_view(m_key);
}
std::string_view Cursor::value() const {
  return as_view(m_value);
}

// [SECTION] LmdbEnv

Result<std::unique_ptr<LmdbEnv>> LmdbEnv::open(const LmdbEnvOptions& options) {
  if (auto made = make_dir(options.dir); !made) return made.problem();
  EnvGuard guard;
  int rc = mdb_env_create(&guard.env);
  if (rc == 0) rc = mdb_env_set_maxdbs(guard.env, 8);
  if (rc == 0) rc = mdb_env_set_maxreaders(guard.env, options.max_readers);
  // MDB_NOTLS: read transactions are not tied to a thread (httplib runs handlers on a pool).
  unsigned flags = MDB_NOTLS | (options.sync ? 0u : MDB_NOSYNC);
  if (rc == 0) rc = mdb_env_open(guard.env, options.dir.c_str(), flags, 0600);
  // Reader slots of processes that died (kill -9) would otherwise pin old pages forever.
  int dead = 0;
  if (rc == 0) rc = mdb_reader_check(guard.env, &dead);
  // Opened without a size, an existing environment keeps the size it grew to; only raise it.
  MDB_envinfo info{};
  if (rc == 0) rc = mdb_env_info(guard.env, &info);
  if (rc == 0 && info.me_mapsize < options.initial_map_size) {
    rc = mdb_env_set_mapsize(guard.env, options.initial_map_size);
  }
  if (rc != 0) return lmdb_problem(rc, "opening " + options.dir.string());
  std::unique_ptr<LmdbEnv> env(new LmdbEnv(guard.env, options));
  guard.env = nullptr;
  return env;
}

LmdbEnv::LmdbEnv(MDB_env* env, const LmdbEnvOptions& options)
    : m_env(env),
      m_dir(options.dir),
      m_max_map_size(options.max_map_size),
      m_reader_check_interval(options.reader_check_interval),
      m_readers_checked(std::chrono::steady_clock::now()) {}

LmdbEnv::~LmdbEnv() {
  mdb_env_close(m_env);
}

Result<MDB_dbi> LmdbEnv::open_db(const char* name) {
  return write<MDB_dbi>([&](Txn& txn) -> Result<MDB_dbi> {
    MDB_dbi dbi = 0;
    int rc = txn.check(mdb_dbi_open(txn.raw(), name, MDB_CREATE, &dbi));
    if (rc != 0) return lmdb_problem(rc, std::string("opening database ") + name);
    return dbi;
  });
}

std::size_t LmdbEnv::map_size() const {
  MDB_envinfo info{};
  mdb_env_info(m_env, &info);
  return info.me_mapsize;
}

std::size_t LmdbEnv::used_bytes() const {
  MDB_envinfo info{};
  MDB_stat stat{};
  if (mdb_env_info(m_env, &info) != 0 || mdb_env_stat(m_env, &stat) != 0) return 0;
  return (info.me_last_pgno + 1) * stat.ms_psize;
}

Problem LmdbEnv::failure_problem(int rc, bool write) const {
  if (write && is_storage_full(rc, m_dir)) return storage_full_problem();
  return lmdb_problem(rc, write ? "write transaction" : "read transaction");
}

int LmdbEnv::run(bool write, const std::function<bool(Txn&)>& step) {
  std::unique_lock<std::mutex> writer(m_writer, std::defer_lock);
  if (write) {
    writer.lock();
    const auto now = std::chrono::steady_clock::now();
    if (now - m_readers_checked >= m_reader_check_interval) {
      int cleared = 0;
      mdb_reader_check(m_env, &cleared);  // a few microseconds: one pid check per slot
      m_readers_checked = now;
    }
  }
  for (;;) {
    int rc = attempt(write, step);
    if (rc != MDB_MAP_FULL && rc != MDB_MAP_RESIZED) return rc;
    if (int grown = resize(rc); grown != 0) return grown;
  }
}

std::shared_lock<std::shared_mutex> LmdbEnv::enter() {
  std::lock_guard gate(m_gate);
  return std::shared_lock(m_resize);
}

int LmdbEnv::attempt(bool write, const std::function<bool(Txn&)>& step) {
  auto lock = enter();
  MDB_txn* raw = nullptr;
  int rc = mdb_txn_begin(m_env, nullptr, write ? 0 : MDB_RDONLY, &raw);
  if (rc != 0) return rc;
  Txn txn(raw);
  bool accepted = step(txn);
  if (txn.failure() != 0) return txn.failure();  // ~Txn aborts
  if (write && accepted) return txn.commit();
  return 0;
}

int LmdbEnv::resize(int cause) {
  std::lock_guard gate(m_gate);     // no new transaction starts...
  std::unique_lock lock(m_resize);  // ...and the open ones finish
  if (cause == MDB_MAP_RESIZED) return mdb_env_set_mapsize(m_env, 0);
  std::size_t current = map_size();
  if (current >= m_max_map_size) return MDB_MAP_FULL;
  return mdb_env_set_mapsize(m_env, std::min(current * 2, m_max_map_size));
}

}  // namespace datahub::backend
