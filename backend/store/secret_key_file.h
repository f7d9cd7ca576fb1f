// Loading (and on first start, creating) the 32-byte key that encrypts secrets at rest.
#pragma once

#include <array>
#include <filesystem>

#include "datahub/result.h"

namespace datahub::backend {

inline constexpr std::size_t kSecretKeyBytes = 32;
using SecretKey = std::array<unsigned char, kSecretKeyBytes>;

// Reads exactly 32 raw bytes from `path` into `key`. Refuses a file that group or others may
// read or write, and a file of any other size. When the file does not exist and
// `create_if_missing` is set, writes 32 random bytes with mode 0600 first (temp file, fsync,
// then link(2) into place, so a crash never leaves a half key and two processes starting at
// once agree on one key). Problems name the path, never the key.
Result<bool> load_secret_key(const std::filesystem::path& path, bool create_if_missing,
                             SecretKey& key);

}  // namespace datahub::backend
