#include "outbound/outbound_http.h"

#include <chrono>

#include "outbound/http_exchange.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// 303 always, and 301/302 after a POST, continue as GET without a body (as browsers and
// curl do); 307 and 308 repeat the request as it was.
void adapt_method(OutboundRequest& request, int status) {
  bool to_get = (status == 303 && request.method != "HEAD") ||
                ((status == 301 || status == 302) && request.method == "POST");
  if (!to_get) return;
  request.method = "GET";
  request.body.clear();
  request.headers.erase("Content-Type");
}

void drop_origin_bound(OutboundRequest& request) {
  request.headers.erase("Authorization");
  request.headers.erase("Cookie");
  for (const auto& name : request.origin_bound_headers) request.headers.erase(name);
}

}  // namespace

OutboundHttp::OutboundHttp(OutboundPolicy policy, PoolLimits pool_limits)
    : m_guard(std::move(policy)), m_pool(pool_limits) {}

Result<OutboundResponse> OutboundHttp::perform(OutboundRequest request) const {
  const auto start = Clock::now();
  const auto deadline =
      request.deadline.value_or(start + std::chrono::milliseconds(request.timeout_ms));
  const HttpLimits limits{deadline, request.max_body, m_guard.policy().ca_cert_path};
  for (int hop = 0;; ++hop) {
    auto destination = m_guard.check(request.url, deadline);
    if (!destination) return destination.problem();
    auto response =
        exchange(*destination, HttpRequest{request.method, request.headers, request.body}, limits,
                 Connections{m_pool});
    if (!response) return response.problem();

    auto location = response->headers.find("Location");
    bool follow = request.max_redirects > 0 && is_followed_redirect(response->status) &&
                  location != response->headers.end();
    if (!follow) {
      return OutboundResponse{response->status,
                              std::move(response->headers),
                              std::move(response->body),
                              response->body_truncated,
                              ms_since(start),
                              request.url,
                              hop,
                              std::move(response->http_version)};
    }
    if (hop == request.max_redirects)
      return make_problem(
          ProblemType::UpstreamError,
          "the upstream redirected more than " + std::to_string(request.max_redirects) + " times");
    auto next = resolve_location(request.url, location->second);
    if (!next)
      return make_problem(ProblemType::UpstreamError,
                          "the upstream redirected to an unusable URL: " + next.problem().detail);
    // Down from TLS to plain text, the body and the remaining headers would cross the network
    // unencrypted: not followed, whatever the status.
    if (request.url.is_https() && !next->is_https())
      return make_problem(ProblemType::UpstreamError,
                          "the upstream redirected from https to http (" + next->authority() +
                              "); redirects that drop TLS are not followed");
    if (next->origin() != request.url.origin()) drop_origin_bound(request);
    adapt_method(request, response->status);
    request.url = std::move(*next);
  }
}

}  // namespace datahub::outbound
