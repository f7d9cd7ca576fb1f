// Access tokens per connector: reused until 30 s before they expire, fetched once for any
// number of concurrent callers (single flight), dropped on any change of the connector.
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

  // A cached token of `key` (a connector id) at `version` that is still fresh, else the result
  // of one `fetch` shared by every caller that arrives while it runs. A failure is shared with
  // those callers but not kept. A token from an older version never answers.
  Result<AccessToken> get(const std::string& key, std::int64_t version, const Fetch& fetch);

  // Forgets the connector's token; a fetch running now will not be kept either.
  void invalidate(const std::string& key);

  // Forgets the token only while it is still `rejected` (the upstream answered 401 to it), so
  // a newer token fetched meanwhile by another caller survives.
  void reject(const std::string& key, const std::string& rejected);

 private:
  struct Entry {
    std::optional<AccessToken> token;
    std::int64_t version = 0;
    std::shared_future<Result<AccessToken>> flight;  // valid while a fetch runs
    std::uint64_t flight_id = 0;
  };

  Result<AccessToken> run_flight(const std::string& key, std::int64_t version, const Fetch& fetch,
                                 std::unique_lock<std::mutex>& lock);

  std::mutex m_mutex;
  std::map<std::string, Entry> m_entries;
  std::uint64_t m_next_flight = 1;
};

}  // namespace datahub::outbound
