#include "lmdb_backup.h"

#include <fcntl.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "lmdb_connector_store.h"

namespace datahub::backend {

namespace fs = std::filesystem;

namespace {

Problem failed(const std::string& what) {
  return make_problem(ProblemType::Internal, what);
}

Problem failed_errno(const std::string& what) {
  return failed(what + ": " + std::strerror(errno));
}

// An environment opened only to be copied from: read-only, so it creates nothing.
struct ReadOnlyEnv {
  MDB_env* env = nullptr;
  ~ReadOnlyEnv() {
    if (env) mdb_env_close(env);
  }
};

// The named databases the store keeps (records, names, history, meta) plus the main one.
constexpr unsigned kMaxDbs = 8;

// LMDB maps the file and reads pages through the map: a file shorter than the pages its meta page
// names (a truncated copy) would end the process with SIGBUS. Checked before any page is read.
Result<bool> check_whole(MDB_env* env, const fs::path& file, const std::string& what) {
  MDB_envinfo info{};
  MDB_stat stat{};
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (mdb_env_info(env, &info) != 0 || mdb_env_stat(env, &stat) != 0 || ec ||
      size < (info.me_last_pgno + 1) * static_cast<std::uintmax_t>(stat.ms_psize)) {
    return failed(what + " is cut short: " + file.string() + " holds fewer pages than it names");
  }
  return true;
}

Result<bool> open_read_only(ReadOnlyEnv& guard, const fs::path& data_dir) {
  if (!fs::exists(data_dir / "data.mdb")) {
    return failed("backup: no store in " + data_dir.string() + " (no data.mdb there)");
  }
  int rc = mdb_env_create(&guard.env);
  if (rc == 0) rc = mdb_env_set_maxdbs(guard.env, kMaxDbs);
  // Map size 0 adopts the size the writing server uses; the copy reads only its snapshot.
  if (rc == 0) rc = mdb_env_open(guard.env, data_dir.c_str(), MDB_RDONLY, 0600);
  if (rc != 0)
    return failed("backup: cannot open the store in " + data_dir.string() + ": " +
                  mdb_strerror(rc));
  // A backup killed mid-copy leaves its reader slot behind, and a reader slot pins the pages of
  // its snapshot: the store would grow until the server restarts. Clear such slots now.
  int cleared = 0;
  mdb_reader_check(guard.env, &cleared);
  return check_whole(guard.env, data_dir / "data.mdb", "backup: the store");
}

// The compacting copy into `fd`; a server that grew the map since we opened makes the read
// transaction fail with MDB_MAP_RESIZED: adopt its size and copy again.
int copy_compacted(MDB_env* env, int fd) {
  for (int attempt = 0;; ++attempt) {
    const int rc = mdb_env_copyfd2(env, fd, MDB_CP_COMPACT);
    if (rc != MDB_MAP_RESIZED || attempt == 3) return rc;
    if (mdb_env_set_mapsize(env, 0) != 0) return rc;
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0) return errno;
  }
}

// Writes `path` through `path`.partial: created exclusively (0600), filled by `fill`, synced,
// renamed into place, and the directory synced, so a crash leaves no half file under `path`.
Result<std::size_t> write_atomically(const fs::path& path,
                                     const std::function<Result<bool>(int fd)>& fill) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec))) {  // a link, even a dangling one, counts
    return failed(path.string() + " exists already: choose another name or remove it first");
  }
  const fs::path partial = path.string() + ".partial";
  ::unlink(partial.c_str());  // left by an earlier attempt that was killed
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return failed_errno("cannot create " + partial.string());
  auto filled = fill(fd);
  struct stat st {};
  const bool synced = filled && ::fsync(fd) == 0 && ::fstat(fd, &st) == 0;
  const int sync_errno = errno;
  ::close(fd);
  if (!filled || !synced) {
    ::unlink(partial.c_str());
    if (!filled) return filled.problem();
    errno = sync_errno;
    return failed_errno("cannot write " + partial.string());
  }
  if (::rename(partial.c_str(), path.c_str()) != 0) {
    ::unlink(partial.c_str());
    return failed_errno("cannot rename " + partial.string() + " to " + path.string());
  }
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return static_cast<std::size_t>(st.st_size);
}

Result<bool> copy_file_into(const fs::path& from, const fs::path& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return failed_errno("cannot read " + from.string());
  auto written = write_atomically(to, [&](int out) -> Result<bool> {
    char buffer[1 << 16];
    for (;;) {
      const ssize_t n = ::read(in, buffer, sizeof buffer);
      if (n == 0) return true;
      if (n < 0) return failed_errno("cannot read " + from.string());
      for (ssize_t done = 0; done < n;) {
        const ssize_t w = ::write(out, buffer + done, static_cast<std::size_t>(n - done));
        if (w < 0) return failed_errno("cannot write " + to.string());
        done += w;
      }
    }
  });
  ::close(in);
  if (!written) return written.problem();
  return true;
}

// Creates `dir` (0700) or accepts it when empty; anything in it is refused, never overwritten.
// True when it made the directory (a failed restore then removes it again).
Result<bool> claim_empty_dir(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec))
      return failed("restore: " + dir.string() + " is not a directory");
    if (!fs::is_empty(dir, ec)) {
      return failed("restore: " + dir.string() +
                    " is not empty: restore only into a new or empty directory");
    }
    fs::permissions(dir, fs::perms::owner_all, ec);
    return false;
  }
  if (!fs::create_directories(dir, ec) || ec) {
    return failed("restore: cannot create " + dir.string() + ": " + ec.message());
  }
  fs::permissions(dir, fs::perms::owner_all, ec);
  return true;
}

// Opens `file` itself as a read-only LMDB environment (no lock file, nothing written) and looks
// for the store's meta database: an empty file or one that is not a Data Hub store is refused
// before anything is copied (a server would take an empty data.mdb for a new, empty store).
Result<bool> check_is_store(const fs::path& file) {
  ReadOnlyEnv guard;
  int rc = mdb_env_create(&guard.env);
  if (rc == 0) rc = mdb_env_set_maxdbs(guard.env, kMaxDbs);
  if (rc == 0)
    rc = mdb_env_open(guard.env, file.c_str(), MDB_RDONLY | MDB_NOSUBDIR | MDB_NOLOCK, 0600);
  if (rc == 0) {
    if (auto whole = check_whole(guard.env, file, "restore: " + file.string()); !whole) {
      return whole.problem();
    }
  }
  MDB_txn* txn = nullptr;
  if (rc == 0) rc = mdb_txn_begin(guard.env, nullptr, MDB_RDONLY, &txn);
  MDB_dbi meta = 0;
  if (rc == 0) rc = mdb_dbi_open(txn, "meta", 0, &meta);
  if (txn) mdb_txn_abort(txn);
  if (rc != 0) {
    return failed("restore: " + file.string() +
                  " is not a Data Hub backup (not a store made by datahub-server backup)");
  }
  return true;
}

void remove_contents(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
}

}  // namespace

Result<BackupReport> backup_store(const fs::path& data_dir, const fs::path& out) {
  ReadOnlyEnv guard;
  if (auto opened = open_read_only(guard, data_dir); !opened) return opened.problem();
  auto written = write_atomically(out, [&](int fd) -> Result<bool> {
    if (const int rc = copy_compacted(guard.env, fd); rc != 0) {
      return failed("backup: copying the store failed: " + std::string(mdb_strerror(rc)));
    }
    return true;
  });
  if (!written) return written.problem();
  return BackupReport{*written};
}

Result<RestoreReport> restore_store(const fs::path& in, const fs::path& data_dir,
                                    const fs::path& key_file, bool copy_key) {
  if (!fs::is_regular_file(in)) return failed("restore: " + in.string() + " is not a file");
  if (!fs::is_regular_file(key_file)) {
    return failed("restore: the secret key file " + key_file.string() + " is not a file");
  }
  if (auto store = check_is_store(in); !store) return store.problem();
  auto claimed = claim_empty_dir(data_dir);
  if (!claimed) return claimed.problem();
  auto undo = [&, made = *claimed](const Problem& p) -> Result<RestoreReport> {
    remove_contents(data_dir);
    std::error_code ec;
    if (made) fs::remove(data_dir, ec);
    return p;
  };
  if (auto copied = copy_file_into(in, data_dir / "data.mdb"); !copied)
    return undo(copied.problem());
  if (copy_key) {
    if (auto copied = copy_file_into(key_file, data_dir / "secret.key"); !copied) {
      return undo(copied.problem());
    }
  }
  // Opened as the server will open it: schema and key are checked there.
  std::size_t connectors = 0;
  {
    auto store = LmdbConnectorStore::open(data_dir, copy_key ? fs::path() : key_file);
    if (!store) return undo(failed("restore: " + in.string() + ": " + store.problem().detail));
    connectors = (*store)->count();
  }
  // The server makes its own lock file; LMDB's reader table is rebuilt when it opens.
  std::error_code ec;
  fs::remove(data_dir / "lock.mdb", ec);
  return RestoreReport{connectors};
}

}  // namespace datahub::backend
