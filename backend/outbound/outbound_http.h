// Outbound HTTP with redirects followed by hand: every hop is checked by the destination
// guard again, and credentials stay with the origin they were meant for.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "datahub/connector.h"
#include "datahub/result.h"
#include "outbound/client_pool.h"
#include "outbound/destination_guard.h"
#include "outbound/outbound_policy.h"
#include "outbound/url.h"

namespace datahub::outbound {

inline constexpr std::size_t kPreviewBodyBytes = 4 * 1024;   // test results
inline constexpr std::size_t kProxyBodyBytes = 1024 * 1024;  // /request
inline constexpr std::size_t kTokenBodyBytes = 64 * 1024;    // token endpoint answers
inline constexpr int kMaxRedirects = 5;

struct OutboundRequest {
  std::string method = "GET";
  Url url;
  httplib::Headers headers;
  std::string body;
  // Dropped when a redirect leaves the origin; Authorization and Cookie always are.
  std::vector<std::string> origin_bound_headers;
  int timeout_ms = kDefaultTimeoutMs;  // for everything: every hop, DNS, connect, read
  // When set, the end of everything instead of now + timeout_ms: a call of several requests
  // (token, request, retry) passes its one deadline down.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::size_t max_body = kProxyBodyBytes;
  int max_redirects = kMaxRedirects;  // 0: a 3xx is the answer
};

struct OutboundResponse {
  int status = 0;
  httplib::Headers headers;
  std::string body;
  bool body_truncated = false;
  double latency_ms = 0;  // from the first DNS lookup to the last byte read
  Url final_url;          // differs from the request's URL after redirects
  int redirects = 0;
  std::string http_version;  // of the last hop: "1.1", "2"
};

class OutboundHttp {
 public:
  explicit OutboundHttp(OutboundPolicy policy, PoolLimits pool_limits = {});
  OutboundHttp(const OutboundHttp&) = delete;
  OutboundHttp& operator=(const OutboundHttp&) = delete;

  // Problems: DestinationNotAllowed (403), UpstreamError (502, also for more than
  // max_redirects redirects or a redirect to a bad URL), UpstreamTimeout (504).
  Result<OutboundResponse> perform(OutboundRequest request) const;

  const DestinationGuard& guard() const { return m_guard; }
  // Kept-alive connections waiting for the next request (tests look at it).
  const ClientPool& pool() const { return m_pool; }

 private:
  DestinationGuard m_guard;
  // Lending connections does not change what perform() means: mutable.
  mutable ClientPool m_pool;
};

}  // namespace datahub::outbound
