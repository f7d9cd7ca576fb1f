// Whether a failed write means "no room left" (507 insufficient-storage) rather than a fault
// (500): the LMDB map at its limit, or the filesystem under the data directory full.
#pragma once

#include <filesystem>

#include "datahub/problem.h"

namespace datahub::backend {

// True for MDB_MAP_FULL, ENOSPC and EDQUOT, and for EIO while the filesystem of `dir` has
// (almost) no space left: LMDB reports a short page write as EIO, and some filesystems say
// EIO when a sync finds no room. EIO with space to spare stays a fault.
bool is_storage_full(int rc, const std::filesystem::path& dir);

// The 507 problem for a change that could not be stored.
Problem storage_full_problem();

}  // namespace datahub::backend
