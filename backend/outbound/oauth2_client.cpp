#include "outbound/oauth2_client.h"

#include "datahub/text.h"
#include "outbound/connector_request.h"
#include "outbound/oauth2_token_request.h"
#include "outbound/secret_scrubber.h"
#include "outbound/token_body_redaction.h"

namespace datahub::outbound {

namespace {

// An exchange that never got an answer to show.
TokenExchange failed(Problem p) {
  return TokenExchange(std::move(p));
}

Problem as_token_problem(Problem p) {
  if (p.type != ProblemType::UpstreamError) return p;
  return make_problem(ProblemType::TokenError, "token endpoint: " + p.detail);
}

// The request as the token step shows it: the body with its secrets masked, every
// Authorization value (Basic client authentication) as "***"; names in lower case, as in the
// request step.
TokenExchangeRequest shown_request(const OutboundRequest& request,
                                   const TokenRequest& token_request) {
  TokenExchangeRequest shown;
  shown.method = request.method;
  shown.url = request.url.to_string();
  for (const auto& [name, value] : request.headers)
    shown.headers[to_lower_ascii(name)] = iequals_ascii(name, "Authorization") ? "***" : value;
  shown.body = token_request.redacted_body;
  return shown;
}

}  // namespace

TokenExchange OAuth2Client::fetch(const OAuth2Settings& settings, int timeout_ms) const {
  return fetch(settings, std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms));
}

TokenExchange OAuth2Client::fetch(const OAuth2Settings& settings,
                                  std::chrono::steady_clock::time_point deadline,
                                  const Connector* route) const {
  return exchange(settings, prepare_token_request(settings), deadline, route);
}

TokenExchange OAuth2Client::refresh(const OAuth2Settings& settings,
                                    const std::string& refresh_token,
                                    std::chrono::steady_clock::time_point deadline,
                                    const Connector* route) const {
  return exchange(settings, prepare_refresh_request(settings, refresh_token), deadline, route);
}

TokenExchange OAuth2Client::exchange(const OAuth2Settings& settings, Result<TokenRequest> prepared,
                                     std::chrono::steady_clock::time_point deadline,
                                     const Connector* route) const {
  if (!prepared) return failed(prepared.problem());  // the private key could not sign
  auto& token_request = *prepared;
  auto url = parse_url(settings.token_url);
  if (!url) {
    auto out = failed(make_problem(ProblemType::TokenError,
                                   "the token URL is unusable: " + url.problem().detail));
    out.grant = token_request.grant;
    return out;
  }
  OutboundRequest request;
  request.method = "POST";
  request.url = std::move(*url);
  request.body = std::move(token_request.body);
  request.headers.emplace("Content-Type", token_request.content_type);
  for (auto& [name, value] : token_request.headers) request.headers.emplace(name, std::move(value));
  request.deadline = deadline;
  request.max_body = kTokenBodyBytes;
  request.max_redirects = 0;
  request.tls_details = true;  // a token fetch is rare: its step may as well say how it went
  if (route != nullptr) {
    route_through(*route, request);
    request.max_attempts = 1;  // a token POST is never repeated
  }
  auto shown = shown_request(request, token_request);

  auto response = m_http.perform(std::move(request));
  if (!response) {
    auto out = failed(as_token_problem(response.problem()));
    out.grant = token_request.grant;
    out.shown_request = std::move(shown);
    return out;
  }
  const auto fields = token_fields_of(settings);
  SecretScrubber echoes;  // what the endpoint may echo of this request alone
  echoes.add(token_request.client_assertion);
  TokenExchange exchange(
      parse_token_response(response->status, response->body, response->body_truncated, fields));
  if (!exchange.token) exchange.token = echoes.scrub_problem(exchange.token.problem());
  exchange.status = response->status;
  exchange.latency_ms = response->latency_ms;
  exchange.http_version = response->http_version;
  exchange.via_proxy = response->via_proxy;
  exchange.tls = response->tls;
  exchange.grant = token_request.grant;
  exchange.shown_request = std::move(shown);
  exchange.response_headers = std::move(response->headers);
  for (auto& header : exchange.response_headers) header.second = echoes.scrub(header.second);
  exchange.response_body = echoes.scrub(
      redacted_token_body(response->body, response->body_truncated, fields.token_field),
      response->body_truncated);
  exchange.response_truncated = response->body_truncated;
  if (exchange.token.ok())
    exchange.token->expires_at = std::chrono::steady_clock::now() + exchange.token->expires_in;
  return exchange;
}

}  // namespace datahub::outbound
