// Passwords at rest: Argon2id through libsodium's crypto_pwhash_str (its own string format:
// algorithm, parameters, salt and hash), at the "interactive" limits.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

// One Argon2id computation takes 64 MiB for ~50 ms, and sign-in is a public route: without a
// bound, a burst of sign-ins would take 64 MiB per worker thread. Hold a turn around every hash or
// verification; a caller that gets none within the wait is told the server is busy.
class PasswordTurn {
 public:
  static constexpr std::chrono::milliseconds kDefaultWait{2000};
  // Nothing when every turn stayed taken for `wait`.
  static std::optional<PasswordTurn> wait_for(std::chrono::milliseconds wait = kDefaultWait);
  // How many may run at once: the machine's cores, at least 2 and at most 8 (512 MiB).
  static int capacity();

  PasswordTurn(PasswordTurn&& other) noexcept : m_held(other.m_held) { other.m_held = false; }
  PasswordTurn& operator=(PasswordTurn&&) = delete;
  PasswordTurn(const PasswordTurn&) = delete;
  PasswordTurn& operator=(const PasswordTurn&) = delete;
  ~PasswordTurn();

 private:
  PasswordTurn() = default;
  bool m_held = true;
};

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
