#include "storage_full.h"

#include <lmdb.h>
#include <sys/statvfs.h>

#include <cerrno>

namespace datahub::backend {

namespace {

// Below this much free space an EIO is taken for a full disk: a failed page write may itself
// have used the last blocks, so "exactly zero" would miss it.
constexpr unsigned long long kNearlyFullBytes = 1u << 20;

bool filesystem_nearly_full(const std::filesystem::path& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0) return false;
  return static_cast<unsigned long long>(st.f_bavail) * st.f_frsize < kNearlyFullBytes;
}

}  // namespace

bool is_storage_full(int rc, const std::filesystem::path& dir) {
  switch (rc) {
    case MDB_MAP_FULL:
    case ENOSPC:
    case EDQUOT:
      return true;
    case EIO:
      return filesystem_nearly_full(dir);
    default:
      return false;
  }
}

Problem storage_full_problem() {
  return make_problem(ProblemType::InsufficientStorage,
                      "The store has no room left for this change, so nothing was written. "
                      "Reading still works; writing works again once the server has free space.");
}

}  // namespace datahub::backend
