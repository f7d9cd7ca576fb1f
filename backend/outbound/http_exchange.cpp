#include "outbound/http_exchange.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "datahub/text.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;

std::size_t transport_hash(const Transport* t) {
  if (t == nullptr) return 0;
  std::hash<std::string> h;
  std::size_t seed = 0;
  for (const std::string* part : {&t->ca_pem, &t->client_cert_pem, &t->client_key_pem,
                                  &t->proxy_url, &t->proxy_username, &t->proxy_password})
    seed = seed * 31 + h(*part);
  return seed;
}

PoolKey pool_key(const Url& url, const std::optional<IpAddress>& address,
                 const HttpLimits& limits) {
  return PoolKey{url.scheme,
                 url.host,
                 url.port,
                 address ? address->to_string() : std::string(),
                 url.is_https() ? limits.ca_cert_path : std::string(),
                 transport_hash(limits.transport)};
}

bool says_close(const httplib::Headers& headers) {
  auto [first, last] = headers.equal_range("Connection");
  return std::any_of(first, last, [](const auto& header) {
    return to_lower_ascii(header.second).find("close") != std::string::npos;
  });
}

// Only a handle whose connection is known to sit at a message boundary, with both sides
// willing, goes back (libcurl closes a connection it cannot reuse; the pool's count of idle
// handles is then also the count of kept connections).
bool reusable(const Transfer& t, const HttpRequest& request) {
  return t.code == CURLE_OK && !says_close(t.headers) && !says_close(request.headers);
}

bool is_idempotent(std::string_view method) {
  static constexpr std::array<std::string_view, 6> kIdempotent = {"GET",    "HEAD",    "PUT",
                                                                  "DELETE", "OPTIONS", "TRACE"};
  return std::find(kIdempotent.begin(), kIdempotent.end(), method) != kIdempotent.end();
}

bool broke(CURLcode code) {
  return code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING ||
         code == CURLE_WEIRD_SERVER_REPLY || code == CURLE_UNSUPPORTED_PROTOCOL ||
         code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM || code == CURLE_PARTIAL_FILE;
}

// The peer closed a kept-alive connection just as the request went out: nothing was answered,
// and repeating the request is safe only when the method says so (a POST may have been acted on).
bool lost_idle_race(const Transfer& t, const HttpRequest& request, const HttpLimits& limits) {
  return t.reused_connection && broke(t.code) && !t.has_head && is_idempotent(request.method) &&
         Clock::now() < limits.deadline;
}

Transfer attempt(const PoolKey& key, const Url& url, const std::optional<IpAddress>& address,
                 const HttpRequest& request, const HttpLimits& limits, ClientPool& pool) {
  auto client = pool.check_out(key);
  if (!client) client = std::make_shared<UpstreamClient>(UpstreamClient{new_curl_easy()});
  auto t = transfer(client->easy.get(), url, address, request, limits, false);
  if (lost_idle_race(t, request, limits))
    t = transfer(client->easy.get(), url, address, request, limits, true);
  if (reusable(t, request)) pool.check_in(key, std::move(client));
  return t;
}

std::string describe_failure(const Transfer& t, const Url& url, const HttpLimits& limits) {
  const std::string authority = url.authority();
  const bool via_proxy = limits.transport != nullptr && !limits.transport->proxy_url.empty();
  if (via_proxy && (t.code == CURLE_COULDNT_CONNECT || t.code == CURLE_COULDNT_RESOLVE_PROXY ||
                    t.code == CURLE_RECV_ERROR || t.code == CURLE_SEND_ERROR))
    return "could not reach " + authority + " through the proxy (" +
           (t.error.empty() ? curl_easy_strerror(t.code) : t.error) + ")";
  switch (t.code) {
    case CURLE_COULDNT_CONNECT:
      return "could not connect to " + authority;
    case CURLE_SSL_CONNECT_ERROR:
      return "the TLS handshake with " + authority + " failed";
    case CURLE_PEER_FAILED_VERIFICATION:
      return "the TLS certificate of " + authority + " could not be verified";
    case CURLE_SSL_CACERT_BADFILE:
      return "the CA certificates for TLS verification could not be loaded";
    case CURLE_SEND_ERROR:
      return "the connection to " + authority + " broke while sending the request";
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_PARTIAL_FILE:
      return authority +
             " closed or reset the connection, or answered with something that is not HTTP";
    case CURLE_BAD_CONTENT_ENCODING:
      return "the compressed response of " + authority + " could not be decoded";
    default:
      return "the request to " + authority + " failed (" +
             (t.error.empty() ? curl_easy_strerror(t.code) : t.error) + ")";
  }
}

Problem timeout_problem(const Url& url) {
  return make_problem(ProblemType::UpstreamTimeout,
                      url.authority() + " did not send a complete answer within the timeout");
}

// What ends the call at once, whatever addresses are left; nullopt when the transfer did not
// end in one of these ways.
std::optional<Result<HttpResponse>> settled(Transfer& t, const Url& url, const HttpLimits& limits) {
  if (t.head_too_large)
    return make_problem(ProblemType::UpstreamError,
                        url.authority() + " answered with a response head over " +
                            std::to_string(kMaxResponseHeadBytes / 1024) + " KiB or " +
                            std::to_string(kMaxResponseHeadFields) + " fields");
  if (t.decoded_past_cap)
    return make_problem(ProblemType::UpstreamError,
                        "the compressed answer of " + url.authority() +
                            " decodes to more than the " +
                            std::to_string(std::max(limits.max_body, kMaxDecodedBodyBytes) / 1024) +
                            " KiB a call may return");
  if (t.code == CURLE_OK || (t.truncated && t.has_head))
    return HttpResponse{t.status,    std::move(t.headers), std::move(t.body),
                        t.truncated, t.http_version,       std::move(t.tls)};
  if (t.code == CURLE_OPERATION_TIMEDOUT || Clock::now() >= limits.deadline)
    return timeout_problem(url);
  // Only a refused connection sent nothing yet, so only then is the next address tried.
  if (t.code != CURLE_COULDNT_CONNECT)
    return make_problem(ProblemType::UpstreamError, describe_failure(t, url, limits));
  return std::nullopt;
}

}  // namespace

Result<HttpResponse> exchange(const CheckedDestination& destination, const HttpRequest& request,
                              const HttpLimits& limits, const Connections& connections,
                              bool* connection_failed) {
  const Url& url = destination.url;
  // No address: a name only the proxy can resolve (the guard left it to the proxy).
  std::vector<std::optional<IpAddress>> addresses(destination.addresses.begin(),
                                                  destination.addresses.end());
  if (addresses.empty()) addresses.emplace_back();
  Transfer last;
  last.code = CURLE_COULDNT_CONNECT;
  for (const auto& address : addresses) {
    if (Clock::now() >= limits.deadline) break;
    last = attempt(pool_key(url, address, limits), url, address, request, limits, connections.pool);
    if (connection_failed != nullptr)
      *connection_failed =
          last.code == CURLE_COULDNT_CONNECT || (broke(last.code) && !last.has_head);
    if (auto done = settled(last, url, limits)) return std::move(*done);
  }
  if (Clock::now() >= limits.deadline) return timeout_problem(url);
  return make_problem(ProblemType::UpstreamError, describe_failure(last, url, limits));
}

}  // namespace datahub::outbound
