// The facade the HTTP routes call: tests a connector and proxies requests through it, with
// its custom headers and OAuth2 token, behind the destination guard.
//
//   ConnectorClient client(policy);               // one per server, shared by all threads
//   TestResult result = client.test(connector, "GET", "/health");  // /test, always 200
//   Result<ProxyResponse> r = client.request(connector, request);  // /request
//   client.invalidate(connector.id);              // after every change or delete
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/connector.h"
#include "datahub/result.h"
#include "datahub/test_result.h"
#include "outbound/oauth2_client.h"
#include "outbound/outbound_http.h"
#include "outbound/outbound_policy.h"
#include "outbound/proxy_messages.h"
#include "outbound/rate_limiter.h"
#include "outbound/secret_scrubber.h"
#include "outbound/token_cache.h"

namespace datahub::outbound {

class ConnectorClient {
 public:
  explicit ConnectorClient(OutboundPolicy policy);
  ConnectorClient(const ConnectorClient&) = delete;
  ConnectorClient& operator=(const ConnectorClient&) = delete;

  // The test result of the contract: {"ok", "steps": [token?, request?]}; a step that was not
  // reached is absent, a failed step carries "error" (a sentence) and "problem" (the problem
  // name, e.g. "destination-not-allowed"). Always fetches a fresh token (testing the
  // credentials is the point) and leaves the cache alone. Secrets and the token never appear:
  // Authorization shows as "Bearer ***", secret headers as "***", echoes in the body as "***".
  // Works for unsaved connectors (empty id) too. `connector` holds plaintext secrets.
  TestResult test(const Connector& connector, std::string_view method = "GET",
                  std::string_view path = "");

  // /request. Uses the cached token (keyed by id and version; no caching for an empty id) and,
  // when the upstream answers 401, drops it and retries once with a new one.
  // Over the connector's rate limit the call waits for its turn within its deadline, else
  // RateLimited (429, extension retry_after in seconds).
  // Problems: Validation (422: path, method or headers), DestinationNotAllowed (403),
  // TokenError (502, extensions oauth_error / oauth_error_description), UpstreamError (502),
  // UpstreamTimeout (504).
  Result<ProxyResponse> request(const Connector& connector, const ProxyRequest& request);

  // Drops the connector's cached token. Call after any change to it, and after deleting it.
  void invalidate(const std::string& connector_id);
  // Drops every cached token (a shared store's change notifications were missed).
  void invalidate_all();

  // Told of every token endpoint call for a saved connector: its id and whether a token came
  // back. Set once, before the first call (the metrics and, later, the connector's health).
  using TokenListener = std::function<void(const std::string& connector_id, bool ok)>;
  void set_token_listener(TokenListener listener) { m_token_listener = std::move(listener); }

 private:
  // One token endpoint call, told to the token listener.
  TokenExchange fetch_token(const Connector& connector,
                            std::chrono::steady_clock::time_point deadline);
  // One refresh (RFC 6749 §6) at the token endpoint, told to the token listener too.
  TokenExchange refresh_token(const Connector& connector, const std::string& refresh_token,
                              std::chrono::steady_clock::time_point deadline);
  TokenExchange told(const Connector& connector, TokenExchange exchange) const;
  Result<AccessToken> cached_token(const Connector& connector,
                                   std::chrono::steady_clock::time_point deadline);
  std::optional<Problem> over_rate_limit(const Connector& connector,
                                         std::chrono::steady_clock::time_point deadline);

  // The scrubber of a saved connector's version, made once: each secret has dozens of encoded
  // forms, too many to derive again on every /request.
  SecretScrubber saved_scrubber(const Connector& connector);
  SecretScrubber scrubber_of(const Connector& connector) const;

  std::vector<std::string> m_server_secrets;  // of --outbound-proxy's URL: before m_http
  OutboundHttp m_http;
  OAuth2Client m_oauth;  // uses m_http: declared after it
  TokenCache m_tokens;
  RateLimiter m_rate_limiter;
  struct ScrubberEntry {
    std::int64_t version = 0;
    SecretScrubber scrubber;
  };
  std::mutex m_scrubbers_mutex;
  std::map<std::string, ScrubberEntry> m_scrubbers;  // by connector id
  TokenListener m_token_listener;
};

}  // namespace datahub::outbound
