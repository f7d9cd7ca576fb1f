#include "outbound/token_cache.h"

namespace datahub::outbound {

namespace {

bool fresh(const AccessToken& token) {
  return std::chrono::steady_clock::now() + kTokenRefreshMargin < token.expires_at;
}

// A call that throws counts as a failed token request: the flight must still end.
Result<AccessToken> guarded(const std::function<Result<AccessToken>()>& call) {
  try {
    return call();
  } catch (const std::exception&) {
    return make_problem(ProblemType::Internal, "the token request failed");
  }
}

}  // namespace

Result<AccessToken> TokenCache::get(const std::string& key, std::int64_t version,
                                    const Fetch& fetch) {
  return get(key, version, fetch, nullptr);
}

Result<AccessToken> TokenCache::get(const std::string& key, std::int64_t version,
                                    const Fetch& fetch, const Renew& renew) {
  std::unique_lock lock(m_mutex);
  auto& entry = m_entries[key];
  if (entry.version == version && entry.token && fresh(*entry.token)) return *entry.token;
  if (entry.version == version && entry.flight.valid()) {
    auto flight = entry.flight;
    lock.unlock();
    return flight.get();
  }
  return run_flight(key, version, fetch, renew, lock);
}

// The refresh first when there is a refresh token; the configured grant once when the
// endpoint refuses it. A refresh that failed otherwise (a timeout) keeps its refresh token.
TokenCache::Obtained TokenCache::obtain(const Fetch& fetch, const Renew& renew,
                                        const std::string& refresh_token) {
  if (renew && !refresh_token.empty()) {
    auto renewed = guarded([&] { return renew(refresh_token); });
    if (renewed.ok()) {
      std::string next = renewed->refresh_token.empty() ? refresh_token : renewed->refresh_token;
      return {std::move(renewed), std::move(next)};
    }
    if (renewed.problem().type != ProblemType::TokenError)
      return {std::move(renewed), refresh_token};
  }
  auto fetched = guarded(fetch);
  std::string next = fetched.ok() ? fetched->refresh_token : std::string();
  return {std::move(fetched), std::move(next)};
}

Result<AccessToken> TokenCache::run_flight(const std::string& key, std::int64_t version,
                                           const Fetch& fetch, const Renew& renew,
                                           std::unique_lock<std::mutex>& lock) {
  std::promise<Result<AccessToken>> promise;
  auto& entry = m_entries[key];
  // A refresh token belongs to the version that got it: any change of the connector drops it.
  std::string refresh_token = entry.version == version ? entry.refresh_token : std::string();
  entry = Entry{};
  entry.version = version;
  entry.refresh_token = refresh_token;
  entry.flight = promise.get_future().share();
  entry.flight_id = m_next_flight++;
  const auto id = entry.flight_id;
  lock.unlock();

  // The network request runs without the lock, so other connectors are never held up.
  Obtained obtained = obtain(fetch, renew, refresh_token);
  Result<AccessToken> result = std::move(obtained.token);
  if (result.ok()) result->refresh_token.clear();  // only the cache holds it

  lock.lock();
  auto it = m_entries.find(key);
  if (it != m_entries.end() && it->second.flight_id == id) {  // not invalidated meanwhile
    it->second.flight = {};
    it->second.refresh_token = std::move(obtained.refresh_token);
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

void TokenCache::invalidate_all() {
  std::lock_guard lock(m_mutex);
  m_entries.clear();
}

void TokenCache::reject(const std::string& key, const std::string& rejected) {
  std::lock_guard lock(m_mutex);
  auto it = m_entries.find(key);
  if (it != m_entries.end() && it->second.token && it->second.token->value == rejected)
    it->second.token.reset();
}

}  // namespace datahub::outbound
