#include "identity/oidc_pending.h"

#include <algorithm>

namespace datahub::backend {

void OidcPending::put(const std::string& state, PendingSignIn pending, std::int64_t now) {
  std::lock_guard lock(m_mutex);
  if (m_by_state.size() >= kMaxPending)
    std::erase_if(m_by_state, [now](const auto& kv) { return kv.second.expires_at <= now; });
  while (m_by_state.size() >= kMaxPending) {
    auto oldest = std::min_element(m_by_state.begin(), m_by_state.end(), [](auto& a, auto& b) {
      return a.second.expires_at < b.second.expires_at;
    });
    m_by_state.erase(oldest);
  }
  pending.expires_at = now + kLifetimeSeconds;
  m_by_state[state] = std::move(pending);
}

std::optional<PendingSignIn> OidcPending::take(const std::string& state, std::int64_t now) {
  std::lock_guard lock(m_mutex);
  auto it = m_by_state.find(state);
  if (it == m_by_state.end()) return std::nullopt;
  PendingSignIn found = std::move(it->second);
  m_by_state.erase(it);
  if (found.expires_at <= now) return std::nullopt;
  return found;
}

std::size_t OidcPending::size() const {
  std::lock_guard lock(m_mutex);
  return m_by_state.size();
}

}  // namespace datahub::backend
