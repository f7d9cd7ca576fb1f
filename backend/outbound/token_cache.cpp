#include "outbound/token_cache.h"

namespace datahub::outbound {

namespace {

bool fresh(const AccessToken& token) {
  return std::chrono::steady_clock::now() + kTokenRefreshMargin < token.expires_at;
}

}  // namespace

Result<AccessToken> TokenCache::get(const std::string& key, std::int64_t version,
                                    const Fetch& fetch) {
  std::unique_lock lock(m_mutex);
  auto& entry = m_entries[key];
  if (entry.version == version && entry.token && fresh(*entry.token)) return *entry.token;
  if (entry.version == version && entry.flight.valid()) {
    auto flight = entry.flight;
    lock.unlock();
    return flight.get();
  }
  return run_flight(key, version, fetch, lock);
}

Result<AccessToken> TokenCache::run_flight(const std::string& key, std::int64_t version,
                                           const Fetch& fetch, std::unique_lock<std::mutex>& lock) {
  std::promise<Result<AccessToken>> promise;
  auto& entry = m_entries[key];
  entry = Entry{};
  entry.version = version;
  entry.flight = promise.get_future().share();
  entry.flight_id = m_next_flight++;
  const auto id = entry.flight_id;
  lock.unlock();

  // The network request runs without the lock, so other connectors are never held up. An
  // exception must still fulfil the promise, or the callers waiting on it would never return.
  Result<AccessToken> result = make_problem(ProblemType::Internal, "the token request failed");
  try {
    result = fetch();
  } catch (const std::exception&) {
  }

  lock.lock();
  auto it = m_entries.find(key);
  if (it != m_entries.end() && it->second.flight_id == id) {  // not invalidated meanwhile
    it->second.flight = {};
    if (result.ok()) it->second.token = result.value();
  }
  lock.unlock();
  promise.set_value(result);
  return result;
}

void TokenCache::invalidate(const std::string& key) {
  std::lock_guard lock(m_mutex);
  m_entries.erase(key);
}

void TokenCache::reject(const std::string& key, const std::string& rejected) {
  std::lock_guard lock(m_mutex);
  auto it = m_entries.find(key);
  if (it != m_entries.end() && it->second.token && it->second.token->value == rejected)
    it->second.token.reset();
}

}  // namespace datahub::outbound
