// Passwords at rest: Argon2id through libsodium's crypto_pwhash_str (its own string format:
// algorithm, parameters, salt and hash), at the "interactive" limits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

// Nothing when libsodium could not hash (out of memory).
std::optional<std::string> hash_password(std::string_view password);
// Constant-time in the password (libsodium's verification).
bool verify_password(const std::string& hash, std::string_view password);
// True when `hash` was made with other limits than hash_password's: rehash at the next sign-in.
bool password_needs_rehash(const std::string& hash);
// Verifies `password` against a hash made once for nothing: a sign-in for an unknown username
// takes the time of one for a known one.
void verify_against_dummy(std::string_view password);

}  // namespace datahub::backend
