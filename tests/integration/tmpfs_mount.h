// A small tmpfs for one test (a disk that can be filled), mounted in a mount namespace of the
// calling thread's own: the rest of the machine never sees it, and a test that dies leaves
// nothing mounted. Processes started from this thread afterwards (ServerProcess) see it.
#pragma once

#include <cstddef>
#include <string>

namespace datahub::testing {

class TmpfsMount {
 public:
  // Mounts a tmpfs of `bytes` at `dir` (an existing, empty directory).
  TmpfsMount(const std::string& dir, std::size_t bytes);
  ~TmpfsMount();  // unmounts
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  bool mounted() const { return m_error.empty(); }
  // Why it could not be mounted (e.g. not root, no CAP_SYS_ADMIN), for GTEST_SKIP.
  const std::string& error() const { return m_error; }
  // Bytes an unprivileged writer can still store there.
  std::size_t available() const;

 private:
  std::string m_dir;
  std::string m_error;
};

// Writes to `path` until the filesystem refuses (ENOSPC) or `limit` bytes are written; returns
// how many bytes were stored.
std::size_t fill_file(const std::string& path, std::size_t limit);

}  // namespace datahub::testing
