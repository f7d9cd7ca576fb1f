#include "outbound/connector_client.h"

#include <algorithm>
#include <chrono>

#include "outbound/static_auth.h"
#include "outbound/test_result.h"
#include "outbound/utf8.h"

namespace datahub::outbound {

namespace {

bool uses_oauth2(const Connector& c) {
  return c.auth.method == AuthMethod::OAuth2;
}

// The upstream statuses that say "this token is no longer good" (auth.expired_statuses).
bool signals_expired_token(const Connector& c, int status) {
  const auto& statuses = c.auth.oauth2.expired_statuses;
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

ProxyResponse to_proxy_response(OutboundResponse response, const SecretScrubber& scrubber) {
  ProxyResponse out;
  out.status = response.status;
  out.headers = visible_response_headers(response.headers, scrubber);
  out.body = valid_utf8(scrubber.scrub(response.body, response.body_truncated));
  out.body_truncated = response.body_truncated;
  out.latency_ms = response.latency_ms;
  return out;
}

using Clock = std::chrono::steady_clock;

// One deadline for a whole call (token, request, and the retry after a 401): timeout_ms bounds
// what the caller waits, not each step.
Clock::time_point call_deadline(const OutboundRequest& request) {
  return Clock::now() + std::chrono::milliseconds(request.timeout_ms);
}

TestResult test_result(std::vector<TestStep> steps) {
  const bool ok = all_steps_ok(steps);
  return {ok, std::move(steps)};
}

}  // namespace

ConnectorClient::ConnectorClient(OutboundPolicy policy)
    : m_server_secrets(proxy_url_secrets(policy.outbound_proxy)),
      m_http(std::move(policy)),
      m_oauth(m_http) {}

// The connector's secrets and the server proxy's credentials (every connector in "server"
// proxy mode sends them to that proxy).
SecretScrubber ConnectorClient::scrubber_of(const Connector& connector) const {
  SecretScrubber scrubber = scrubber_for(connector);
  for (const auto& secret : m_server_secrets) scrubber.add(secret);
  return scrubber;
}

TestResult ConnectorClient::test(const Connector& connector, std::string_view method,
                                 std::string_view path) {
  std::vector<TestStep> steps;
  auto request = connector_request(connector, {method, path});
  if (!request) {
    steps.push_back(unsent_request_step(method, request.problem()));
    return test_result(std::move(steps));
  }
  request->max_body = kPreviewBodyBytes;
  request->tls_details = true;
  request->deadline = call_deadline(*request);
  // A test is traffic to the upstream like any other: it takes its turn under the rate limit.
  if (auto limited = over_rate_limit(connector, *request->deadline)) {
    steps.push_back(unsent_request_step(method, *limited));
    return test_result(std::move(steps));
  }
  auto scrubber = saved_scrubber(connector);
  if (uses_oauth2(connector)) {
    auto exchange = fetch_token(connector, *request->deadline);
    if (exchange.token) {  // an echo of what was issued, anywhere in the step, is masked too
      scrubber.add(exchange.token->value);
      scrubber.add(exchange.token->refresh_token);
    }
    steps.push_back(scrubbed(token_step(exchange, scrubber), scrubber));
    if (!exchange.token) return test_result(std::move(steps));
    set_bearer(*request, exchange.token->value);
  }
  auto response = m_http.perform(*request);
  TestStep step = scrubbed(request_step(*request, connector, response, scrubber), scrubber);
  // The base URL and the caller's own path: masking what matches a secret in it would tell the
  // caller that the path they wrote holds one.
  step.url = shown_url(connector, request->url);  // an API key in the query as "***"
  steps.push_back(std::move(step));
  return test_result(std::move(steps));
}

// Waits for the connector's turn; past the deadline, the 429 with the seconds to wait.
std::optional<Problem> ConnectorClient::over_rate_limit(const Connector& connector,
                                                        Clock::time_point deadline) {
  auto wait = m_rate_limiter.acquire(connector.id, connector.rate_limit.requests_per_second,
                                     connector.rate_limit.burst, deadline);
  if (!wait) return std::nullopt;
  Problem limited =
      make_problem(ProblemType::RateLimited,
                   "The connector's rate limit (" +
                       nlohmann::json(connector.rate_limit.requests_per_second).dump() +
                       " requests per second) leaves no turn within the call's timeout.");
  limited.extensions["retry_after"] = std::max<long>(1, (wait->count() + 999) / 1000);
  return limited;
}

TokenExchange ConnectorClient::fetch_token(const Connector& connector, Clock::time_point deadline) {
  return told(connector, m_oauth.fetch(connector.auth.oauth2, deadline, &connector));
}

TokenExchange ConnectorClient::refresh_token(const Connector& connector,
                                             const std::string& refresh_token,
                                             Clock::time_point deadline) {
  return told(connector,
              m_oauth.refresh(connector.auth.oauth2, refresh_token, deadline, &connector));
}

TokenExchange ConnectorClient::told(const Connector& connector, TokenExchange exchange) const {
  if (m_token_listener && !connector.id.empty()) {
    m_token_listener(connector.id, exchange.token.ok());
  }
  return exchange;
}

Result<AccessToken> ConnectorClient::cached_token(const Connector& connector,
                                                  Clock::time_point deadline) {
  auto fetch = [&] { return fetch_token(connector, deadline).token; };
  // An unsaved connector has nothing to key on: no cache, and so no refresh token kept either.
  if (connector.id.empty()) return fetch();
  auto renew = [&](const std::string& refresh) {
    return refresh_token(connector, refresh, deadline).token;
  };
  return m_tokens.get(connector.id, connector.version, fetch, renew);
}

Result<ProxyResponse> ConnectorClient::request(const Connector& connector,
                                               const ProxyRequest& proxy) {
  auto request = connector_request(
      connector, {proxy.method, proxy.path, &proxy.query, &proxy.headers, &proxy.body});
  if (!request) return request.problem();
  request->max_body = kProxyBodyBytes;
  request->deadline = call_deadline(*request);
  if (auto limited = over_rate_limit(connector, *request->deadline)) return *limited;
  auto scrubber = scrubber_of(connector);
  if (!uses_oauth2(connector)) {
    auto response = m_http.perform(*request);
    if (!response) return response.problem();
    return to_proxy_response(std::move(*response), scrubber);
  }

  auto token = cached_token(connector, *request->deadline);
  if (!token) return scrubber.scrub_problem(token.problem());
  set_bearer(*request, token->value);
  auto response = m_http.perform(*request);
  // A 401 (or the connector's expired_statuses) may mean the token was revoked or expired
  // early: one retry with a new token.
  if (response && signals_expired_token(connector, response->status)) {
    scrubber.add(token->value);
    m_tokens.reject(connector.id, token->value);
    token = cached_token(connector, *request->deadline);
    if (!token) return scrubber.scrub_problem(token.problem());
    set_bearer(*request, token->value);
    response = m_http.perform(*request);
  }
  if (!response) return response.problem();
  scrubber.add(token->value);
  return to_proxy_response(std::move(*response), scrubber);
}

void ConnectorClient::invalidate(const std::string& connector_id) {
  m_tokens.invalidate(connector_id);
  m_rate_limiter.forget(connector_id);
  std::lock_guard lock(m_scrubbers_mutex);
  m_scrubbers.erase(connector_id);
}

void ConnectorClient::invalidate_all() {
  m_tokens.invalidate_all();
  std::lock_guard lock(m_scrubbers_mutex);
  m_scrubbers.clear();
}

SecretScrubber ConnectorClient::saved_scrubber(const Connector& connector) {
  if (connector.id.empty()) return scrubber_of(connector);
  std::lock_guard lock(m_scrubbers_mutex);
  auto it = m_scrubbers.find(connector.id);
  if (it == m_scrubbers.end() || it->second.version != connector.version)
    it = m_scrubbers
             .insert_or_assign(connector.id,
                               ScrubberEntry{connector.version, scrubber_of(connector)})
             .first;
  return it->second.scrubber;
}

}  // namespace datahub::outbound
