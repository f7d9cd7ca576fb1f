#include "outbound/test_result.h"

#include "outbound/utf8.h"

namespace datahub::outbound {

namespace {

void add_problem(TestStep& step, const Problem& problem) {
  step.ok = false;
  step.error = problem.detail;
  step.problem = std::string(problem_name(problem.type));
}

// How the answer came: attempts, HTTP version, the proxy (no credentials) and TLS.
void add_network_details(TestStep& step, int attempts, const std::string& http_version,
                         const std::string& via_proxy, const std::optional<TlsDetails>& tls) {
  step.attempts = attempts;
  if (!http_version.empty()) step.http_version = http_version;
  if (!via_proxy.empty()) step.via_proxy = via_proxy;
  if (tls)
    step.tls = TlsInfo{tls->version, tls->peer_subject, tls->peer_issuer, tls->peer_not_after};
}

// An OAuth extension of the problem as the step's string (the token endpoint's code and
// description are strings; anything else is shown as its JSON text).
std::optional<std::string> extension(const Problem& problem, const char* key) {
  if (!problem.extensions.contains(key)) return std::nullopt;
  const auto& value = problem.extensions[key];
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void scrub(std::optional<std::string>& text, const SecretScrubber& scrubber) {
  if (text) text = scrubber.scrub(*text);
}

std::map<std::string, std::string> scrubbed_map(const std::map<std::string, std::string>& headers,
                                                const SecretScrubber& scrubber) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) out[scrubber.scrub(name)] = scrubber.scrub(value);
  return out;
}

void scrub(std::optional<std::map<std::string, std::string>>& headers,
           const SecretScrubber& scrubber) {
  if (headers) headers = scrubbed_map(*headers, scrubber);
}

// The answer as the step shows it: headers as the request step shows them, the (already
// redacted) body cut at the preview size and scrubbed of echoed secrets.
TokenExchangeResponse shown_response(const TokenExchange& exchange,
                                     const SecretScrubber& scrubber) {
  TokenExchangeResponse shown;
  shown.status = exchange.status;
  shown.headers = visible_response_headers(exchange.response_headers, scrubber);
  // The identity provider's own session or load-balancer cookie: nobody needs its value here.
  if (auto cookie = shown.headers.find("set-cookie"); cookie != shown.headers.end())
    cookie->second = "***";
  std::string_view body = exchange.response_body;
  const bool cut = exchange.response_truncated || body.size() > kPreviewBodyBytes;
  shown.body_preview = valid_utf8(scrubber.scrub(body.substr(0, kPreviewBodyBytes), cut));
  return shown;
}

}  // namespace

TestStep token_step(const TokenExchange& exchange, const SecretScrubber& scrubber) {
  TestStep step;
  step.name = "token";
  step.ok = exchange.token.ok();
  if (!exchange.grant.empty()) step.grant = exchange.grant;
  step.request = exchange.shown_request;
  if (exchange.status > 0) {
    step.status = exchange.status;
    step.latency_ms = exchange.latency_ms;
    step.response = shown_response(exchange, scrubber);
  }
  if (exchange.token.ok()) {
    step.token_type = "Bearer";
    step.expires_in = exchange.token->expires_in.count();
    add_network_details(step, 1, exchange.http_version, exchange.via_proxy, exchange.tls);
    if (!exchange.token->scope.empty()) step.scope = valid_utf8(exchange.token->scope);
    return step;
  }
  const auto& problem = exchange.token.problem();
  add_problem(step, problem);
  step.oauth_error = extension(problem, "oauth_error");
  step.oauth_error_description = extension(problem, "oauth_error_description");
  return step;
}

TestStep request_step(const OutboundRequest& request, const Connector& connector,
                      const Result<OutboundResponse>& response, const SecretScrubber& scrubber) {
  TestStep step;
  step.name = "request";
  step.method = request.method;
  step.url = request.url.to_string();
  step.request_headers = redacted_request_headers(request, connector);
  if (!response) {
    add_problem(step, response.problem());
    return step;
  }
  step.ok = response->status >= 200 && response->status < 400;
  step.status = response->status;
  step.latency_ms = response->latency_ms;
  step.headers = visible_response_headers(response->headers, scrubber);
  step.body_preview = valid_utf8(scrubber.scrub(response->body, response->body_truncated));
  step.body_truncated = response->body_truncated;
  if (response->redirects > 0) {
    step.redirects = response->redirects;
    step.final_url = response->final_url.to_string();
  }
  add_network_details(step, response->attempts, response->http_version, response->via_proxy,
                      response->tls);
  return step;
}

TestStep unsent_request_step(std::string_view method, const Problem& problem) {
  TestStep step;
  step.name = "request";
  step.method = std::string(method);
  add_problem(step, problem);
  return step;
}

TestStep scrubbed(TestStep step, const SecretScrubber& scrubber) {
  step.name = scrubber.scrub(step.name);
  for (auto* text : {&step.method, &step.url, &step.body_preview, &step.final_url,
                     &step.http_version, &step.via_proxy, &step.token_type, &step.scope,
                     &step.error, &step.problem, &step.oauth_error, &step.oauth_error_description})
    scrub(*text, scrubber);
  scrub(step.request_headers, scrubber);
  scrub(step.headers, scrubber);
  scrub(step.grant, scrubber);
  if (step.request) {
    auto& r = *step.request;
    for (auto* text : {&r.method, &r.url, &r.body}) *text = scrubber.scrub(*text);
    r.headers = scrubbed_map(r.headers, scrubber);
  }
  if (step.response) {
    step.response->headers = scrubbed_map(step.response->headers, scrubber);
    step.response->body_preview = scrubber.scrub(step.response->body_preview);
  }
  if (step.tls)
    for (auto* text : {&step.tls->version, &step.tls->peer_subject, &step.tls->peer_issuer,
                       &step.tls->peer_not_after})
      *text = scrubber.scrub(*text);
  return step;
}

}  // namespace datahub::outbound
