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
#include "outbound/curl_transfer.h"
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
  // The connector's TLS material and, for ProxyMode::Custom, its proxy.
  Transport transport;
  ProxyMode proxy_mode = ProxyMode::None;  // Server: the policy's proxy
  // Retries on 429/502/503/504 and failed connections, for idempotent methods (docs/API.md,
  // "Retries").
  int max_attempts = 1;
  bool tls_details = false;  // fill OutboundResponse::tls (test results)
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
  int attempts = 1;
  std::string via_proxy;  // the proxy's URL, without credentials; empty when none
  std::optional<TlsDetails> tls;
};

// "http://user:pass@proxy:3128" as it may be shown or checked: "http://proxy:3128".
std::string without_credentials(const std::string& proxy_url);
// What of a proxy URL's credentials an echo could show: the password (decoded and as written)
// and the Proxy-Authorization it makes (base64 of user:password). Empty without a password.
std::vector<std::string> proxy_url_secrets(const std::string& proxy_url);

class OutboundHttp {
 public:
  explicit OutboundHttp(OutboundPolicy policy, PoolLimits pool_limits = {});
  OutboundHttp(const OutboundHttp&) = delete;
  OutboundHttp& operator=(const OutboundHttp&) = delete;

  // Problems: DestinationNotAllowed (403), UpstreamError (502, also for more than
  // max_redirects redirects or a redirect to a bad URL), UpstreamTimeout (504).
  Result<OutboundResponse> perform(OutboundRequest request) const;

  const DestinationGuard& guard() const { return m_guard; }

  // The proxy a request to `url` goes through with `mode` and the connector's `custom` URL:
  // none, the connector's own, or the server's unless --no-proxy names the host.
  std::string proxy_for(const Url& url, ProxyMode mode, const std::string& custom) const;
  // Kept-alive connections waiting for the next request (tests look at it).
  const ClientPool& pool() const { return m_pool; }

 private:
  // One try of the whole call, redirects included; `connection_failed` as in exchange().
  Result<OutboundResponse> perform_once(OutboundRequest request,
                                        std::chrono::steady_clock::time_point deadline,
                                        bool& connection_failed) const;

  // The checked addresses of a connector's own proxy, or why it may not be used.
  Result<std::vector<IpAddress>> guarded_proxy(
      const std::string& proxy_url, std::chrono::steady_clock::time_point deadline) const;

  DestinationGuard m_guard;
  // Lending connections does not change what perform() means: mutable.
  mutable ClientPool m_pool;
};

}  // namespace datahub::outbound
