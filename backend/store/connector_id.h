// Connector ids: "c_" + 20 characters of [A-Za-z0-9_-] from libsodium's CSPRNG (120 bits),
// URL-safe so they can go in paths unescaped.
#pragma once

#include <string>
#include <string_view>

namespace datahub::backend {

std::string new_connector_id();

// 1-64 characters of [A-Za-z0-9_-]. The store answers NotFound for anything else, so an odd
// path segment never reaches LMDB (whose keys stop at 511 bytes) or the history key layout.
bool is_valid_connector_id(std::string_view id);

}  // namespace datahub::backend
