// The stored form of a random token (API tokens, sessions): SHA-256, hex. The tokens carry 256
// random bits, so a fast hash suffices and a check costs one lookup.
#pragma once

#include <string>
#include <string_view>

namespace datahub::backend {

std::string token_hash_hex(std::string_view token);

}  // namespace datahub::backend
