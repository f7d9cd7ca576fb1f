// Connector ids: "c_" + 20 characters of [A-Za-z0-9_-] from libsodium's CSPRNG (120 bits),
// URL-safe so they can go in paths unescaped.
#pragma once

#include <string>

namespace datahub::backend {

std::string new_connector_id();

}  // namespace datahub::backend
