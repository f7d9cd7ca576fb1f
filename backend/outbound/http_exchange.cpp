#include "outbound/http_exchange.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "datahub/text.h"
#include "outbound/upstream_client.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;

// What arrives, kept outside httplib's Response: httplib drops the response when a content
// receiver stops early, and stopping early is how the body cap works.
struct Capture {
  bool has_head = false;
  int status = 0;
  httplib::Headers headers;
  std::string body;
  bool truncated = false;
};

struct Attempt {
  Capture capture;
  httplib::Error error = httplib::Error::Unknown;
  bool timed_out = false;  // the deadline cut the request
};

httplib::Request make_request(const Url& url, const HttpRequest& request, const HttpLimits& limits,
                              Capture& capture) {
  httplib::Request r;
  r.method = request.method;
  r.path = url.target;
  r.headers = request.headers;
  r.body = request.body;
  r.response_handler = [&capture](const httplib::Response& res) {
    capture.has_head = true;
    capture.status = res.status;
    capture.headers = res.headers;
    return true;
  };
  r.content_receiver = [&capture, &limits](const char* data, std::size_t length, std::uint64_t,
                                           std::uint64_t) {
    if (Clock::now() >= limits.deadline) return false;
    std::size_t room = limits.max_body - capture.body.size();
    if (length > room) {
      capture.body.append(data, room);
      capture.truncated = true;
      return false;  // the rest is never read
    }
    capture.body.append(data, length);
    return true;
  };
  return r;
}

Attempt send_with(const ClientPool::Client& client, const Url& url, const HttpRequest& request,
                  const HttpLimits& limits, DeadlineTimer& timer) {
  Attempt a;
  arm_timeouts(*client->http, limits.deadline);
  auto r = make_request(url, request, limits, a.capture);
  httplib::Response res;
  a.error = httplib::Error::Success;
  {
    // The action owns a handle, so the client outlives a cut racing the end of send(); the cut
    // returns at once, so the deadline thread never waits on a connection (socket_cut.h).
    auto armed = timer.arm(limits.deadline, [client] { client->cut.cut(); });
    client->http->send(r, res, a.error);
    a.timed_out = armed.disarm();
  }
  if (a.error == httplib::Error::Success && !a.capture.has_head) {
    a.capture.status = res.status;  // HEAD answers never reach the response handler
    a.capture.headers = res.headers;
  }
  return a;
}

bool says_close(const httplib::Headers& headers) {
  auto [first, last] = headers.equal_range("Connection");
  return std::any_of(first, last, [](const auto& header) {
    return to_lower_ascii(header.second).find("close") != std::string::npos;
  });
}

// Only a connection known to sit at a message boundary, with the peer willing, goes back
// (requests never carry Connection: callers and connectors may not set it).
bool reusable(const Attempt& a, const httplib::ClientImpl& client) {
  return a.error == httplib::Error::Success && !a.timed_out && !a.capture.truncated &&
         !says_close(a.capture.headers) && client.is_socket_open() != 0;
}

bool is_idempotent(std::string_view method) {
  static constexpr std::array<std::string_view, 6> kIdempotent = {"GET",    "HEAD",    "PUT",
                                                                  "DELETE", "OPTIONS", "TRACE"};
  return std::find(kIdempotent.begin(), kIdempotent.end(), method) != kIdempotent.end();
}

// The peer closed a kept-alive connection just as the request went out: nothing was answered,
// and repeating the request is safe only when the method says so (a POST may have been acted on).
bool lost_idle_race(const Attempt& a, const HttpRequest& request, const HttpLimits& limits) {
  bool broke = a.error == httplib::Error::Write || a.error == httplib::Error::Read;
  return broke && !a.capture.has_head && !a.timed_out && is_idempotent(request.method) &&
         Clock::now() < limits.deadline;
}

Attempt attempt(const PoolKey& key, const Url& url, const HttpRequest& request,
                const HttpLimits& limits, const Connections& connections) {
  auto client = connections.pool.check_out(key);
  bool reused = client && client->http->is_socket_open() != 0;
  if (!client) client = new_upstream_client(key);
  auto a = send_with(client, url, request, limits, connections.timer);
  if (reused && lost_idle_race(a, request, limits)) {
    client = new_upstream_client(key);
    a = send_with(client, url, request, limits, connections.timer);
  }
  if (reusable(a, *client->http)) connections.pool.check_in(key, std::move(client));
  return a;
}

std::string describe_failure(httplib::Error error, const Url& url) {
  switch (error) {
    case httplib::Error::Connection:
      return "could not connect to " + url.authority();
    case httplib::Error::SSLConnection:
      return "the TLS handshake with " + url.authority() + " failed";
    case httplib::Error::SSLServerVerification:
      return "the TLS certificate of " + url.authority() + " could not be verified";
    case httplib::Error::SSLLoadingCerts:
      return "the CA certificates for TLS verification could not be loaded";
    case httplib::Error::Write:
      return "the connection to " + url.authority() + " broke while sending the request";
    case httplib::Error::Read:
      return url.authority() +
             " closed or reset the connection, or answered with something that is not HTTP";
    case httplib::Error::Compression:
      return "the compressed response of " + url.authority() + " could not be decoded";
    default:
      return "the request to " + url.authority() + " failed (" + httplib::to_string(error) + ")";
  }
}

Problem timeout_problem(const Url& url) {
  return make_problem(ProblemType::UpstreamTimeout,
                      url.authority() + " did not send a complete answer within the timeout");
}

// httplib decodes gzip, deflate and br as they arrive: a body cut at the cap after decoding is
// not the upstream's answer cut short but a bomb (300 MiB from 300 KiB), and is refused whole.
bool decoded_past_cap(const Capture& capture) {
  if (!capture.truncated) return false;
  auto [first, last] = capture.headers.equal_range("Content-Encoding");
  return std::any_of(first, last, [](const auto& header) {
    const std::string coding = to_lower_ascii(header.second);
    return !coding.empty() && coding != "identity";
  });
}

HttpResponse finish(Capture capture) {
  return HttpResponse{capture.status, std::move(capture.headers), std::move(capture.body),
                      capture.truncated};
}

}  // namespace

Result<HttpResponse> exchange(const CheckedDestination& destination, const HttpRequest& request,
                              const HttpLimits& limits, const Connections& connections) {
  const Url& url = destination.url;
  httplib::Error last_error = httplib::Error::Connection;
  for (const auto& address : destination.addresses) {
    if (Clock::now() >= limits.deadline) break;
    auto a =
        attempt(pool_key(url, address, limits.ca_cert_path), url, request, limits, connections);
    if (decoded_past_cap(a.capture)) {
      return make_problem(ProblemType::UpstreamError,
                          "the compressed answer of " + url.authority() +
                              " decodes to more than the " +
                              std::to_string(limits.max_body / 1024) + " KiB a call may return");
    }
    if (a.error == httplib::Error::Success ||
        (a.error == httplib::Error::Canceled && a.capture.truncated))
      return finish(std::move(a.capture));
    if (a.timed_out || a.error == httplib::Error::ConnectionTimeout ||
        Clock::now() >= limits.deadline)
      return timeout_problem(url);
    last_error = a.error;
    // Only a refused connection sent nothing yet, so only then is the next address tried.
    if (a.error != httplib::Error::Connection)
      return make_problem(ProblemType::UpstreamError, describe_failure(a.error, url));
  }
  if (Clock::now() >= limits.deadline) return timeout_problem(url);
  return make_problem(ProblemType::UpstreamError, describe_failure(last_error, url));
}

}  // namespace datahub::outbound
