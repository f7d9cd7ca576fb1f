// Sign-ins sent to the IdP and not back yet: per state, the nonce and the PKCE code verifier,
// kept in memory for 10 minutes and used once. Bounded: when full, the expired go first, then
// the oldest (a flood of started sign-ins can push out a real one, never grow the memory).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace datahub::backend {

struct PendingSignIn {
  std::string nonce;
  std::string code_verifier;
  std::int64_t expires_at = 0;  // Unix seconds
};

class OidcPending {
 public:
  static constexpr std::int64_t kLifetimeSeconds = 10 * 60;
  static constexpr std::size_t kMaxPending = 1000;

  void put(const std::string& state, PendingSignIn pending, std::int64_t now);
  // The sign-in of `state`, removed; nothing when unknown, used or expired.
  std::optional<PendingSignIn> take(const std::string& state, std::int64_t now);
  std::size_t size() const;

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, PendingSignIn> m_by_state;
};

}  // namespace datahub::backend
