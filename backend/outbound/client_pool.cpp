#include "outbound/client_pool.h"

#include <algorithm>

namespace datahub::outbound {

namespace {
// Expired clients of keys nobody asks for again are found by a sweep, at most this often.
constexpr auto kSweepEvery = std::chrono::seconds(1);
}  // namespace

ClientPool::Client ClientPool::check_out(const PoolKey& key) {
  std::vector<Client> dropped;  // closed after the lock is released
  std::lock_guard lock(m_mutex);
  auto it = m_idle.find(key);
  if (it == m_idle.end()) return nullptr;
  auto& idle = it->second;
  const auto now = Clock::now();
  Client found;
  while (!idle.empty() && !found) {
    Idle last = std::move(idle.back());
    idle.pop_back();
    --m_total;
    if (now - last.since < m_limits.max_idle_age)
      found = std::move(last.client);
    else
      dropped.push_back(std::move(last.client));
  }
  if (idle.empty()) m_idle.erase(it);
  return found;
}

void ClientPool::check_in(const PoolKey& key, Client client) {
  if (!client || m_limits.idle_per_key == 0 || m_limits.idle_total == 0) return;
  std::vector<Client> dropped;
  std::lock_guard lock(m_mutex);
  const auto now = Clock::now();
  if (now - m_last_sweep >= kSweepEvery) drop_expired(now, dropped);
  auto same = m_idle.find(key);
  if (same != m_idle.end() && same->second.size() >= m_limits.idle_per_key) {
    dropped.push_back(std::move(client));  // enough spares for this key already
    return;
  }
  if (m_total >= m_limits.idle_total) drop_oldest(dropped);  // may erase `same`
  m_idle[key].push_back({std::move(client), now});
  ++m_total;
}

std::size_t ClientPool::idle_count() const {
  std::lock_guard lock(m_mutex);
  return m_total;
}

void ClientPool::drop_expired(Clock::time_point now, std::vector<Client>& dropped) {
  m_last_sweep = now;
  for (auto it = m_idle.begin(); it != m_idle.end();) {
    auto& idle = it->second;
    auto fresh = std::find_if(idle.begin(), idle.end(),
                              [&](const Idle& i) { return now - i.since < m_limits.max_idle_age; });
    for (auto old = idle.begin(); old != fresh; ++old) dropped.push_back(std::move(old->client));
    m_total -= static_cast<std::size_t>(fresh - idle.begin());
    idle.erase(idle.begin(), fresh);
    it = idle.empty() ? m_idle.erase(it) : std::next(it);
  }
}

// The total cap is full: the client idle the longest, of any key, makes room.
void ClientPool::drop_oldest(std::vector<Client>& dropped) {
  auto oldest = m_idle.end();
  for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
    if (it->second.empty()) continue;
    if (oldest == m_idle.end() || it->second.front().since < oldest->second.front().since)
      oldest = it;
  }
  if (oldest == m_idle.end()) return;
  dropped.push_back(std::move(oldest->second.front().client));
  oldest->second.erase(oldest->second.begin());
  --m_total;
  if (oldest->second.empty()) m_idle.erase(oldest);
}

}  // namespace datahub::outbound
