#include "outbound/http_exchange.h"

#include <memory>

#include "outbound/deadline_watchdog.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSocketTimeoutSlack = std::chrono::milliseconds(100);

// What arrives, kept outside httplib's Response: httplib drops the response when a content
// receiver stops early, and stopping early is how the body cap works.
struct Capture {
  bool has_head = false;
  int status = 0;
  httplib::Headers headers;
  std::string body;
  bool truncated = false;
};

std::unique_ptr<httplib::ClientImpl> make_client(const Url& url, const IpAddress& address,
                                                 const HttpLimits& limits) {
  std::unique_ptr<httplib::ClientImpl> client;
  if (url.is_https()) {
    auto tls = std::make_unique<httplib::SSLClient>(url.host, url.port);
    tls->set_ca_cert_path(limits.ca_cert_path);
    tls->enable_server_certificate_verification(true);
    client = std::move(tls);
  } else {
    client = std::make_unique<httplib::ClientImpl>(url.host, url.port);
  }
  // The Host header, SNI and certificate check use the name; the socket goes to the address
  // the guard checked, never to a second DNS answer.
  client->set_hostname_addr_map({{url.host, address.to_string()}});
  // A little past the deadline, so that the watchdog, not a socket timeout a hair early,
  // ends a request that runs out of time (and the problem says "timeout").
  auto remaining =
      std::chrono::duration_cast<std::chrono::milliseconds>(limits.deadline - Clock::now()) +
      kSocketTimeoutSlack;
  client->set_connection_timeout(remaining);
  client->set_read_timeout(remaining);
  client->set_write_timeout(remaining);
  client->set_keep_alive(false);
  client->set_follow_location(false);  // redirects are followed by hand, each hop guarded
  client->set_url_encode(false);       // targets arrive encoded (request_target.cpp)
  return client;
}

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

HttpResponse finish(Capture capture, const httplib::Result& result) {
  HttpResponse out;
  if (!capture.has_head && result) {  // HEAD answers never reach the response handler
    capture.status = result->status;
    capture.headers = result->headers;
  }
  out.status = capture.status;
  out.headers = std::move(capture.headers);
  out.body = std::move(capture.body);
  out.body_truncated = capture.truncated;
  return out;
}

}  // namespace

Result<HttpResponse> exchange(const CheckedDestination& destination, const HttpRequest& request,
                              const HttpLimits& limits) {
  const Url& url = destination.url;
  httplib::Error last_error = httplib::Error::Connection;
  for (const auto& address : destination.addresses) {
    if (Clock::now() >= limits.deadline) break;
    Capture capture;
    auto client = make_client(url, address, limits);
    auto r = make_request(url, request, limits, capture);
    httplib::Result result(nullptr, httplib::Error::Unknown);
    bool timed_out = false;
    {
      DeadlineWatchdog watchdog(limits.deadline, [&client] { client->stop(); });
      result = client->send(r);
      timed_out = watchdog.fired();
    }
    auto error = result.error();
    if (error == httplib::Error::Success ||
        (error == httplib::Error::Canceled && capture.truncated))
      return finish(std::move(capture), result);
    if (timed_out || error == httplib::Error::ConnectionTimeout || Clock::now() >= limits.deadline)
      return timeout_problem(url);
    last_error = error;
    // Only a refused connection sent nothing yet, so only then is the next address tried.
    if (error != httplib::Error::Connection)
      return make_problem(ProblemType::UpstreamError, describe_failure(error, url));
  }
  if (Clock::now() >= limits.deadline) return timeout_problem(url);
  return make_problem(ProblemType::UpstreamError, describe_failure(last_error, url));
}

}  // namespace datahub::outbound
