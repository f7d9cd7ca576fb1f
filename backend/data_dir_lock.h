// One server per LMDB data directory: an exclusive advisory lock (flock) on a file in the
// directory, taken before the store opens and held for the life of the process. LMDB itself
// lets several processes share an environment, but two servers would each keep their own
// connector cache and token cache and serve stale data; the lock file holds the holder's pid so
// the second one can say who is in the way.
#pragma once

#include <filesystem>
#include <memory>

#include "datahub/result.h"

namespace datahub::backend {

class DataDirLock {
 public:
  // Creates the directory (0700) when missing. An Internal problem whose detail names the
  // holder ("the data directory ./data is in use by process 1234") when another process has it.
  static Result<std::unique_ptr<DataDirLock>> acquire(const std::filesystem::path& data_dir);
  ~DataDirLock();  // closing the file releases the lock (so does the process ending, however)
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  static constexpr const char* kFileName = "server.lock";

 private:
  explicit DataDirLock(int fd) : m_fd(fd) {}
  int m_fd;
};

}  // namespace datahub::backend
