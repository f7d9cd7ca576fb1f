#include "secret_key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace datahub::backend {

namespace {

Problem key_problem(const std::filesystem::path& path, const std::string& what) {
  return make_problem(ProblemType::Internal, "secret key file " + path.string() + ": " + what);
}

Problem errno_problem(const std::filesystem::path& path, const char* action) {
  return key_problem(path, std::string(action) + " failed: " + std::strerror(errno));
}

// Closes a descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

bool write_all(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void fsync_dir(const std::filesystem::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());  // best effort: the key itself is already durable
}

// Writes a fresh key next to `path` and links it into place. EEXIST is fine: another process
// won the race, and its key is the one to use.
Result<bool> create_key_file(const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  ::unlink(tmp.c_str());  // a leftover of an earlier crash with the same pid
  SecretKey fresh{};
  randombytes_buf(fresh.data(), fresh.size());
  bool written = false;
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0) return errno_problem(tmp, "create");
    written = write_all(fd.get(), fresh.data(), fresh.size()) && ::fsync(fd.get()) == 0;
  }
  sodium_memzero(fresh.data(), fresh.size());
  if (!written) {
    ::unlink(tmp.c_str());
    return errno_problem(tmp, "write");
  }
  int linked = ::link(tmp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    errno = link_errno;
    return errno_problem(path, "link");
  }
  fsync_dir(path.parent_path());
  return true;
}

Result<bool> check_file_mode(const std::filesystem::path& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) return key_problem(path, "is not a regular file");
  if ((st.st_mode & 077) != 0) {
    return key_problem(path,
                       "is accessible by group or others; run chmod 600 on it (the key protects "
                       "every stored secret)");
  }
  if (st.st_size != static_cast<off_t>(kSecretKeyBytes)) {
    const std::string size = std::to_string(kSecretKeyBytes);
    return key_problem(path, "must hold exactly " + size + " bytes (e.g. head -c " + size +
                                 " /dev/urandom), it has " + std::to_string(st.st_size));
  }
  return true;
}

Result<bool> read_key(const std::filesystem::path& path, SecretKey& key) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return errno_problem(path, "open");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errno_problem(path, "stat");
  if (auto ok = check_file_mode(path, st); !ok) return ok.problem();
  std::size_t got = 0;
  while (got < key.size()) {
    ssize_t n = ::read(fd.get(), key.data() + got, key.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      sodium_memzero(key.data(), key.size());
      return key_problem(path, "could not read " + std::to_string(kSecretKeyBytes) + " bytes");
    }
    got += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Result<bool> load_secret_key(const std::filesystem::path& path, bool create_if_missing,
                             SecretKey& key) {
  if (sodium_init() < 0) return key_problem(path, "libsodium could not initialize");
  if (::access(path.c_str(), F_OK) != 0) {
    if (errno != ENOENT) return errno_problem(path, "access");
    if (!create_if_missing) return key_problem(path, "does not exist");
    if (auto created = create_key_file(path); !created) return created.problem();
  }
  return read_key(path, key);
}

}  // namespace datahub::backend
