#include "outbound/outbound_http.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>
#include <utility>

#include "datahub/text.h"
#include "datahub/url_encoding.h"
#include "outbound/form_encoding.h"
#include "outbound/http_exchange.h"
#include "outbound/retry_policy.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;

bool is_followed_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
         method == "OPTIONS";
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

std::string OutboundHttp::proxy_for(const Url& url, ProxyMode mode,
                                    const std::string& custom) const {
  if (mode == ProxyMode::None) return "";
  if (mode == ProxyMode::Custom) return custom;
  const auto& policy = m_guard.policy();
  const std::string host = to_lower_ascii(url.host);
  for (const auto& entry : policy.no_proxy) {
    const std::string e = to_lower_ascii(entry);
    const std::string suffix = e.starts_with(".") ? e : "." + e;
    if (e == "*" || host == e || host.ends_with(suffix)) return "";
  }
  return policy.outbound_proxy;
}

namespace {

// Where a proxy URL's "user:password@" lies: [begin, end) of the userinfo, end at the '@'.
std::optional<std::pair<std::size_t, std::size_t>> userinfo_span(const std::string& proxy_url) {
  const auto scheme_end = proxy_url.find("://");
  const auto at = proxy_url.rfind('@');
  if (scheme_end == std::string::npos || at == std::string::npos || at < scheme_end)
    return std::nullopt;
  return std::pair{scheme_end + 3, at};
}

}  // namespace

std::string without_credentials(const std::string& proxy_url) {
  const auto span = userinfo_span(proxy_url);
  if (!span) return proxy_url;
  return proxy_url.substr(0, span->first) + proxy_url.substr(span->second + 1);
}

std::vector<std::string> proxy_url_secrets(const std::string& proxy_url) {
  const auto span = userinfo_span(proxy_url);
  if (!span) return {};
  const std::string userinfo = proxy_url.substr(span->first, span->second - span->first);
  const auto colon = userinfo.find(':');
  if (colon == std::string::npos) return {};
  const std::string user = percent_decode(userinfo.substr(0, colon));
  const std::string password = percent_decode(userinfo.substr(colon + 1));
  if (password.empty()) return {};
  return {password, userinfo.substr(colon + 1), base64_encode(user + ":" + password)};
}

Result<OutboundResponse> OutboundHttp::perform(OutboundRequest request) const {
  const auto start = Clock::now();
  const auto deadline =
      request.deadline.value_or(start + std::chrono::milliseconds(request.timeout_ms));
  const int max_attempts = is_idempotent(request.method) ? std::max(1, request.max_attempts) : 1;
  for (int attempt = 1;; ++attempt) {
    bool connection_failed = false;
    auto response = perform_once(request, deadline, connection_failed);
    if (response) {
      response->attempts = attempt;
      response->latency_ms = ms_since(start);
    }
    if (attempt >= max_attempts) return response;
    auto wait = retry_wait(response, connection_failed, attempt, Clock::now(), deadline);
    if (!wait) return response;
    std::this_thread::sleep_for(*wait);
  }
}

Result<std::vector<IpAddress>> OutboundHttp::guarded_proxy(const std::string& proxy_url,
                                                           Clock::time_point deadline) const {
  auto url = parse_url(without_credentials(proxy_url));
  if (!url)
    return make_problem(ProblemType::UpstreamError,
                        "the connector's proxy URL is unusable: " + url.problem().detail);
  auto checked = m_guard.check(*url, deadline);
  if (!checked) {
    Problem p = checked.problem();
    p.detail = "the connector's proxy: " + p.detail;
    return p;
  }
  return std::move(checked->addresses);
}

Result<OutboundResponse> OutboundHttp::perform_once(OutboundRequest request,
                                                    Clock::time_point deadline,
                                                    bool& connection_failed) const {
  const auto start = Clock::now();
  HttpLimits limits{deadline, request.max_body, m_guard.policy().ca_cert_path, nullptr,
                    request.tls_details};
  Transport transport = request.transport;
  if (request.proxy_mode == ProxyMode::Custom) {
    // Whoever edits a connector chooses its proxy: it is guarded like any destination (a
    // corporate proxy on a private address goes in --allow-hosts), and pinned.
    auto proxy = guarded_proxy(request.transport.proxy_url, deadline);
    if (!proxy) return proxy.problem();
    transport.proxy_addresses = std::move(*proxy);
  }
  for (int hop = 0;; ++hop) {
    transport.proxy_url = proxy_for(request.url, request.proxy_mode, request.transport.proxy_url);
    limits.transport = &transport;
    auto destination = m_guard.check(request.url, deadline, !transport.proxy_url.empty());
    if (!destination) return destination.problem();
    auto response =
        exchange(*destination, HttpRequest{request.method, request.headers, request.body}, limits,
                 Connections{m_pool}, &connection_failed);
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
                              std::move(response->http_version),
                              1,
                              without_credentials(transport.proxy_url),
                              std::move(response->tls)};
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
