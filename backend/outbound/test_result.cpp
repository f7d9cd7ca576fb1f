#include "outbound/test_result.h"

#include "outbound/utf8.h"

namespace datahub::outbound {

namespace {

using nlohmann::json;

void add_problem(json& step, const Problem& problem) {
  step["ok"] = false;
  step["error"] = problem.detail;
  step["problem"] = std::string(problem_name(problem.type));
}

// How the answer came: attempts, HTTP version, the proxy (no credentials) and TLS.
void add_network_details(json& step, int attempts, const std::string& http_version,
                         const std::string& via_proxy, const std::optional<TlsDetails>& tls) {
  step["attempts"] = attempts;
  if (!http_version.empty()) step["http_version"] = http_version;
  if (!via_proxy.empty()) step["via_proxy"] = via_proxy;
  if (tls)
    step["tls"] = {{"version", tls->version},
                   {"peer_subject", tls->peer_subject},
                   {"peer_issuer", tls->peer_issuer},
                   {"peer_not_after", tls->peer_not_after}};
}

}  // namespace

json token_step(const TokenExchange& exchange) {
  json step = {{"name", "token"}, {"ok", exchange.token.ok()}};
  if (exchange.status > 0) step["status"] = exchange.status;
  if (exchange.status > 0) step["latency_ms"] = exchange.latency_ms;
  if (exchange.token.ok()) {
    step["token_type"] = "Bearer";
    step["expires_in"] = exchange.token->expires_in.count();
    add_network_details(step, 1, exchange.http_version, exchange.via_proxy, exchange.tls);
    if (!exchange.token->scope.empty()) step["scope"] = valid_utf8(exchange.token->scope);
    return step;
  }
  const auto& problem = exchange.token.problem();
  add_problem(step, problem);
  for (const char* key : {"oauth_error", "oauth_error_description"})
    if (problem.extensions.contains(key)) step[key] = problem.extensions[key];
  return step;
}

json request_step(const OutboundRequest& request, const Connector& connector,
                  const Result<OutboundResponse>& response, const SecretScrubber& scrubber) {
  json step = {{"name", "request"},
               {"method", request.method},
               {"url", request.url.to_string()},
               {"request_headers", redacted_request_headers(request, connector)}};
  if (!response) {
    add_problem(step, response.problem());
    return step;
  }
  step["ok"] = response->status >= 200 && response->status < 400;
  step["status"] = response->status;
  step["latency_ms"] = response->latency_ms;
  step["headers"] = visible_response_headers(response->headers, scrubber);
  step["body_preview"] = valid_utf8(scrubber.scrub(response->body, response->body_truncated));
  step["body_truncated"] = response->body_truncated;
  if (response->redirects > 0) {
    step["redirects"] = response->redirects;
    step["final_url"] = response->final_url.to_string();
  }
  add_network_details(step, response->attempts, response->http_version, response->via_proxy,
                      response->tls);
  return step;
}

json unsent_request_step(std::string_view method, const Problem& problem) {
  json step = {{"name", "request"}, {"method", std::string(method)}};
  add_problem(step, problem);
  return step;
}

}  // namespace datahub::outbound
