#include "tmpfs_mount.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace datahub::testing {

TmpfsMount::TmpfsMount(const std::string& dir, std::size_t bytes) : m_dir(dir) {
  // A namespace of this thread's own, with nothing propagating back to the host's mounts.
  if (::unshare(CLONE_NEWNS) != 0) {
    m_error = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    return;
  }
  if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    m_error = std::string("making / private: ") + std::strerror(errno);
    return;
  }
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
  if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    m_error = "mount -t tmpfs " + dir + ": " + std::strerror(errno);
  }
}

TmpfsMount::~TmpfsMount() {
  if (mounted()) ::umount2(m_dir.c_str(), MNT_DETACH);
}

std::size_t TmpfsMount::available() const {
  struct statvfs st {};
  if (::statvfs(m_dir.c_str(), &st) != 0) return 0;
  return static_cast<std::size_t>(st.f_bavail) * st.f_frsize;
}

std::size_t fill_file(const std::string& path, std::size_t limit) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return 0;
  const std::string chunk(64u << 10, 'f');
  std::size_t written = 0;
  while (written < limit) {
    const ssize_t n = ::write(fd, chunk.data(), std::min(chunk.size(), limit - written));
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return written;
}

}  // namespace datahub::testing
