#include "sign_in_throttle.h"

namespace datahub::backend {
namespace {

// Above this many keys, a failure first sweeps out the keys whose failures have all aged out,
// so that guessed usernames cannot grow the maps without bound.
constexpr std::size_t kSweepAbove = 10000;

void forget_old(std::deque<std::int64_t>& failures, std::int64_t now) {
  while (!failures.empty() && failures.front() <= now - SignInThrottle::kWindowSeconds)
    failures.pop_front();
}

}  // namespace

std::optional<std::int64_t> SignInThrottle::wait_for(std::unordered_map<std::string, Failures>& map,
                                                     const std::string& key, std::int64_t now) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  forget_old(it->second, now);
  if (it->second.size() < kMaxFailures) return std::nullopt;
  // Free again once the failure that made it kMaxFailures ages out.
  const std::int64_t oldest = it->second[it->second.size() - kMaxFailures];
  return std::max<std::int64_t>(1, oldest + kWindowSeconds - now);
}

void SignInThrottle::add(std::unordered_map<std::string, Failures>& map, const std::string& key,
                         std::int64_t now) {
  if (map.size() > kSweepAbove) {
    for (auto it = map.begin(); it != map.end();) {
      forget_old(it->second, now);
      it = it->second.empty() ? map.erase(it) : std::next(it);
    }
  }
  auto& failures = map[key];
  forget_old(failures, now);
  failures.push_back(now);
  if (failures.size() > kMaxFailures) failures.pop_front();
}

std::optional<std::int64_t> SignInThrottle::retry_after(const std::string& username,
                                                        const std::string& address,
                                                        std::int64_t now) {
  std::lock_guard lock(m_mutex);
  return wait_locked(username, address, now);
}

std::optional<std::int64_t> SignInThrottle::begin_attempt(const std::string& username,
                                                          const std::string& address,
                                                          std::int64_t now) {
  std::lock_guard lock(m_mutex);
  if (auto wait = wait_locked(username, address, now)) return wait;
  if (!username.empty()) add(m_by_username, username, now);
  if (!address.empty()) add(m_by_address, address, now);
  return std::nullopt;
}

void SignInThrottle::forgive(const std::string& username, const std::string& address,
                             std::int64_t at) {
  std::lock_guard lock(m_mutex);
  for (auto* map : {&m_by_username, &m_by_address}) {
    const std::string& key = map == &m_by_username ? username : address;
    auto it = map->find(key);
    if (key.empty() || it == map->end()) continue;
    auto& failures = it->second;
    // The newest failure counted at `at` (another attempt of the same second is as good).
    for (auto f = failures.rbegin(); f != failures.rend(); ++f) {
      if (*f != at) continue;
      failures.erase(std::next(f).base());
      break;
    }
  }
}

std::optional<std::int64_t> SignInThrottle::wait_locked(const std::string& username,
                                                        const std::string& address,
                                                        std::int64_t now) {
  auto by_name = username.empty() ? std::nullopt : wait_for(m_by_username, username, now);
  auto by_address = wait_for(m_by_address, address, now);
  if (by_name && by_address) return std::max(*by_name, *by_address);
  return by_name ? by_name : by_address;
}

void SignInThrottle::record_failure(const std::string& username, const std::string& address,
                                    std::int64_t now) {
  std::lock_guard lock(m_mutex);
  if (!username.empty()) add(m_by_username, username, now);
  add(m_by_address, address, now);
}

void SignInThrottle::clear_username(const std::string& username) {
  std::lock_guard lock(m_mutex);
  m_by_username.erase(username);
}

}  // namespace datahub::backend
