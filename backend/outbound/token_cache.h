// Access tokens per connector: reused until 30 s before they expire, fetched once for any
// number of concurrent callers (single flight), dropped on any change of the connector. A
// refresh token the endpoint issued is kept here, in memory only, and renews the access token
// when it is no longer fresh (in the same single flight).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "datahub/result.h"
#include "outbound/oauth2_token_response.h"

namespace datahub::outbound {

inline constexpr std::chrono::seconds kTokenRefreshMargin{30};

class TokenCache {
 public:
  using Fetch = std::function<Result<AccessToken>()>;
  // A token by RFC 6749 §6 from `refresh_token`; a TokenError means the endpoint refused it.
  using Renew = std::function<Result<AccessToken>(const std::string& refresh_token)>;

  // A cached token of `key` (a connector id) at `version` that is still fresh, else the result
  // of one `fetch` shared by every caller that arrives while it runs. A failure is shared with
  // those callers but not kept. A token from an older version never answers.
  Result<AccessToken> get(const std::string& key, std::int64_t version, const Fetch& fetch);
  // The same, renewing with the refresh token kept from an earlier answer when there is one.
  // A rotated refresh token replaces the old one, an answer without one keeps the old. When
  // the endpoint refuses the refresh (invalid_grant or any other TokenError) the refresh token
  // is dropped and `fetch` runs once, in the same flight. Tokens handed out carry no
  // refresh_token.
  Result<AccessToken> get(const std::string& key, std::int64_t version, const Fetch& fetch,
                          const Renew& renew);

  // Forgets the connector's token; a fetch running now will not be kept either.
  void invalidate(const std::string& key);
  // Forgets every token (and refresh token); fetches running now will not be kept either.
  void invalidate_all();

  // Forgets the token only while it is still `rejected` (the upstream answered 401 to it), so
  // a newer token fetched meanwhile by another caller survives. The refresh token stays.
  void reject(const std::string& key, const std::string& rejected);

 private:
  struct Entry {
    std::optional<AccessToken> token;
    std::string refresh_token;  // never stored, logged or shown
    std::int64_t version = 0;
    std::shared_future<Result<AccessToken>> flight;  // valid while a fetch runs
    std::uint64_t flight_id = 0;
  };

  // A token and the refresh token to keep after it.
  struct Obtained {
    Result<AccessToken> token;
    std::string refresh_token;
  };
  static Obtained obtain(const Fetch& fetch, const Renew& renew, const std::string& refresh_token);

  Result<AccessToken> run_flight(const std::string& key, std::int64_t version, const Fetch& fetch,
                                 const Renew& renew, std::unique_lock<std::mutex>& lock);

  std::mutex m_mutex;
  std::map<std::string, Entry> m_entries;
  std::uint64_t m_next_flight = 1;
};

}  // namespace datahub::outbound
