#include "data_dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace datahub::backend {
namespace {

Problem lock_problem(std::string message) {
  return make_problem(ProblemType::Internal, std::move(message));
}

// The pid the holder wrote, or "" (it may be between taking the lock and writing it). Only
// digits are taken, since the text goes into a message (the file could hold anything).
std::string read_holder(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string pid;
  for (ssize_t i = 0; i < n && buffer[i] >= '0' && buffer[i] <= '9'; ++i) pid += buffer[i];
  return pid;
}

// Best effort: the lock does not depend on it, and a full disk must not stop the server from
// starting (it then still serves reads).
void write_pid(int fd) {
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0) return;
  [[maybe_unused]] const ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
}

bool make_dir(const std::filesystem::path& dir, std::error_code& ec) {
  if (std::filesystem::create_directories(dir, ec)) {
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  }
  return !ec;
}

}  // namespace

Result<std::unique_ptr<DataDirLock>> DataDirLock::acquire(const std::filesystem::path& data_dir) {
  std::error_code ec;
  if (!make_dir(data_dir, ec)) {
    return lock_problem("data directory " + data_dir.string() + ": " + ec.message());
  }
  const std::filesystem::path path = data_dir / kFileName;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return lock_problem("cannot open " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const std::string holder = read_holder(fd);
    ::close(fd);
    if (error != EWOULDBLOCK) {
      return lock_problem("cannot lock " + path.string() + ": " + std::strerror(error));
    }
    return lock_problem("the data directory " + data_dir.string() + " is in use by " +
                        (holder.empty() ? "another process" : "process " + holder) + " (it holds " +
                        path.string() + "); stop it or choose another --data");
  }
  write_pid(fd);
  return std::unique_ptr<DataDirLock>(new DataDirLock(fd));
}

DataDirLock::~DataDirLock() {
  ::close(m_fd);
}

}  // namespace datahub::backend
