// Unguessable tokens: the admin token made at start, session ids, CSRF tokens, setup codes.
#pragma once

#include <string>

namespace datahub::backend {

// 32 random bytes (libsodium), URL-safe base64 without padding: 43 characters.
std::string random_token();

}  // namespace datahub::backend
