// Fetches an access token from a connector's token endpoint, through the guarded outbound
// client (same destination rules, TLS verification and deadline as every other request).
#pragma once

#include "datahub/connector.h"
#include "datahub/result.h"
#include "datahub/test_result.h"
#include "outbound/oauth2_token_request.h"
#include "outbound/oauth2_token_response.h"
#include "outbound/outbound_http.h"

namespace datahub::outbound {

// One token request and what a test result shows of it.
struct TokenExchange {
  explicit TokenExchange(Result<AccessToken> t) : token(std::move(t)) {}
  Result<AccessToken> token;
  int status = 0;  // the token endpoint's HTTP status; 0 when it never answered
  double latency_ms = 0;
  std::string http_version;  // how the answer came, for the test result's token step
  std::string via_proxy;
  std::optional<TlsDetails> tls;
  // What the token step shows: the grant sent, the request with its secrets as "***" (absent
  // when the URL was unusable), and the answer's headers and body with the tokens it issued as
  // "***" (the caller still scrubs both for echoed secrets).
  std::string grant;
  std::optional<TokenExchangeRequest> shown_request;
  httplib::Headers response_headers;
  std::string response_body;  // redacted, whole (up to the token body cap)
  bool response_truncated = false;
};

class OAuth2Client {
 public:
  explicit OAuth2Client(const OutboundHttp& http) : m_http(http) {}

  // Problems: TokenError (502, with oauth_error when the server sent one), or the outbound
  // client's DestinationNotAllowed / UpstreamTimeout; a failure to reach the endpoint at all is
  // a TokenError too. Redirects are not followed: credentials are posted only where configured.
  TokenExchange fetch(const OAuth2Settings& settings, int timeout_ms) const;
  // The same, ending by `deadline` (one deadline shared with the request the token is for),
  // over the connector's route (TLS material, proxy) when one is given.
  TokenExchange fetch(const OAuth2Settings& settings,
                      std::chrono::steady_clock::time_point deadline,
                      const Connector* route = nullptr) const;
  // RFC 6749 §6: a new access token for `refresh_token`, with the same client authentication.
  TokenExchange refresh(const OAuth2Settings& settings, const std::string& refresh_token,
                        std::chrono::steady_clock::time_point deadline,
                        const Connector* route = nullptr) const;

 private:
  // Sends a prepared token request (or reports why it could not be prepared).
  TokenExchange exchange(const OAuth2Settings& settings, Result<TokenRequest> prepared,
                         std::chrono::steady_clock::time_point deadline,
                         const Connector* route) const;

  const OutboundHttp& m_http;
};

}  // namespace datahub::outbound
