#include "outbound/oauth2_client.h"

#include "outbound/connector_request.h"
#include "outbound/oauth2_token_request.h"

namespace datahub::outbound {

namespace {

// An exchange that never got an answer to show.
TokenExchange failed(Problem p) {
  return TokenExchange{std::move(p), 0, 0, {}, {}, {}};
}

Problem as_token_problem(Problem p) {
  if (p.type != ProblemType::UpstreamError) return p;
  return make_problem(ProblemType::TokenError, "token endpoint: " + p.detail);
}

}  // namespace

TokenExchange OAuth2Client::fetch(const OAuth2Settings& settings, int timeout_ms) const {
  return fetch(settings, std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms));
}

TokenExchange OAuth2Client::fetch(const OAuth2Settings& settings,
                                  std::chrono::steady_clock::time_point deadline,
                                  const Connector* route) const {
  auto url = parse_url(settings.token_url);
  if (!url)
    return failed(make_problem(ProblemType::TokenError,
                               "the token URL is unusable: " + url.problem().detail));
  auto token_request = prepare_token_request(settings);
  if (!token_request) return failed(token_request.problem());
  OutboundRequest request;
  request.method = "POST";
  request.url = std::move(*url);
  request.body = std::move(token_request->body);
  request.headers.emplace("Content-Type", token_request->content_type);
  for (auto& [name, value] : token_request->headers)
    request.headers.emplace(name, std::move(value));
  request.deadline = deadline;
  request.max_body = kTokenBodyBytes;
  request.max_redirects = 0;
  request.tls_details = true;  // a token fetch is rare: its step may as well say how it went
  if (route != nullptr) {
    route_through(*route, request);
    request.max_attempts = 1;  // a token POST is never repeated
  }

  auto response = m_http.perform(std::move(request));
  if (!response) return failed(as_token_problem(response.problem()));
  TokenExchange exchange{parse_token_response(response->status, response->body,
                                              response->body_truncated, token_fields_of(settings)),
                         response->status,
                         response->latency_ms,
                         response->http_version,
                         response->via_proxy,
                         response->tls};
  if (exchange.token.ok())
    exchange.token->expires_at = std::chrono::steady_clock::now() + exchange.token->expires_in;
  return exchange;
}

}  // namespace datahub::outbound
