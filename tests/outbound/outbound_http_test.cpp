// The guarded HTTP client against real, misbehaving peers on 127.0.0.1.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "outbound/outbound_http.h"
#include "outbound_test_util.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using namespace std::chrono_literals;
using outbound_test::LocalServer;
using outbound_test::RawServer;
using Clock = std::chrono::steady_clock;

// Answers with the request's method, headers and body as JSON.
void echo(const httplib::Request& req, httplib::Response& res) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : req.headers) headers[name] = value;
  res.set_content(
      nlohmann::json{{"method", req.method}, {"headers", headers}, {"body", req.body}}.dump(),
      "application/json");
}

class OutboundHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& s = a.server();
    s.Get("/echo", echo);
    s.Post("/echo", echo);
    // Not a type httplib compresses: a plain body over the cap.
    s.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(3 * 1024 * 1024, 'x'), "application/octet-stream");
    });
    // Sent compressed (the client accepts br and gzip): 512 KiB of text in a few hundred bytes.
    s.Get("/big-text", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(512 * 1024, 't'), "text/plain");
    });
    s.Get("/drip", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [](std::size_t, httplib::DataSink& sink) {
        std::this_thread::sleep_for(50ms);  // a byte every 50 ms, for ever: reads never stall
        return sink.write("x", 1);
      });
    });
    s.Get("/same",
          [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/echo"); });
    s.Post("/see-other",
           [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/echo", 303); });
    s.Get("/loop",
          [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    s.Get("/to-b", [this](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://localhost:" + std::to_string(b.port()) + "/echo", 307);
    });
    s.Get("/to-loopback", [this](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://2130706433:" + std::to_string(a.port()) + "/secret");
    });
    s.Get("/secret", [this](const httplib::Request&, httplib::Response& res) {
      ++secret_hits;
      res.set_content("secret", "text/plain");
    });
    a.start();
    b.server().Get("/echo", echo);
    b.start();
  }

  LocalServer a, b;
  std::atomic<int> secret_hits{0};
};

TEST_F(OutboundHttpTest, CapsTheBodyAndSaysSo) {
  OutboundHttp http(open_policy());
  auto r = get(a.url("/big"));
  r.max_body = 4096;
  auto res = http.perform(r);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body.size(), 4096u);
  EXPECT_TRUE(res->body_truncated);
  EXPECT_GT(res->latency_ms, 0);
  auto small = http.perform(get(a.url("/echo")));
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(small->body_truncated);
}

// A compressed answer is decoded up to 1 MiB even when only a preview is kept: a large JSON
// document sent gzipped is cut like a plain one, not taken for a bomb (that is past 1 MiB).
TEST_F(OutboundHttpTest, ACompressedAnswerUnderOneMebibyteIsCutNotRefused) {
  OutboundHttp http(open_policy());
  auto r = get(a.url("/big-text"));
  r.max_body = 4096;
  auto res = http.perform(r);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  ASSERT_TRUE(res->headers.count("Content-Encoding"));  // br or gzip: httplib's choice
  EXPECT_EQ(res->body, std::string(4096, 't'));
  EXPECT_TRUE(res->body_truncated);
  EXPECT_EQ(http.pool().idle_count(), 1u);  // read to its end: the connection stays usable
}

TEST_F(OutboundHttpTest, WholeRequestDeadlineStopsADripFeed) {
  OutboundHttp http(open_policy());
  auto start = Clock::now();
  auto res = http.perform(get(a.url("/drip"), 400));
  auto took = Clock::now() - start;
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.problem().type, ProblemType::UpstreamTimeout);
  EXPECT_EQ(res.problem().status, 504);
  EXPECT_GE(took, 390ms);
  EXPECT_LT(took, 3s);
}

TEST_F(OutboundHttpTest, WholeRequestDeadlineStopsDrippingHeaders) {
  RawServer slow([](int socket, const std::atomic<bool>& stopping) {
    outbound_test::read_request_head(socket);
    outbound_test::write_all(socket, "HTTP/1.1 200 OK\r\n");
    while (!stopping) {  // one header byte every 50 ms, never the blank line
      outbound_test::write_all(socket, "X");
      std::this_thread::sleep_for(50ms);
    }
  });
  OutboundHttp http(open_policy());
  auto start = Clock::now();
  auto res = http.perform(get(slow.url(), 400));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.problem().type, ProblemType::UpstreamTimeout);
  EXPECT_LT(Clock::now() - start, 3s);
}

// A TLS peer that answers the ClientHello with a record header promising 16 KiB and then sends
// one byte every 100 ms: each read of the handshake waits anew, so only cutting the socket ends
// it. While that one is stuck, another request's deadline must still fire on time.
TEST_F(OutboundHttpTest, DeadlinesCutASlowTlsHandshakeAndNeverWaitForEachOther) {
  RawServer tls_drip([](int socket, const std::atomic<bool>& stopping) {
    char hello[2048];
    (void)::recv(socket, hello, sizeof hello, 0);
    outbound_test::write_all(socket, std::string("\x16\x03\x03\x40\x00", 5));
    for (int i = 0; i < 80 && !stopping; ++i) {  // 8 s at most, so that a failing run ends
      outbound_test::write_all(socket, std::string(1, '\x02'));
      std::this_thread::sleep_for(100ms);
    }
  });
  OutboundHttp http(open_policy());
  const auto start = Clock::now();
  auto stuck = std::async(std::launch::async, [&] {
    return http.perform(get("https://127.0.0.1:" + std::to_string(tls_drip.port()) + "/", 400));
  });
  std::this_thread::sleep_for(100ms);  // the handshake is under way
  auto other = http.perform(get(a.url("/drip"), 400));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.problem().type, ProblemType::UpstreamTimeout);
  EXPECT_LT(Clock::now() - start, 3s) << "the other request waited for the stuck handshake";
  auto handshake = stuck.get();
  ASSERT_FALSE(handshake.ok());
  EXPECT_EQ(handshake.problem().type, ProblemType::UpstreamTimeout) << handshake.problem().detail;
  EXPECT_LT(Clock::now() - start, 3s) << "the handshake outlived its deadline";
}

// An answer whose head is `fields` fields of `value_bytes` each.
RawServer::Handler head_of(int fields, std::size_t value_bytes) {
  return [fields, value_bytes](int socket, const std::atomic<bool>&) {
    outbound_test::read_request_head(socket);
    std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n";
    for (int i = 1; i < fields; ++i)
      head += "X-F" + std::to_string(i) + ": " + std::string(value_bytes, 'v') + "\r\n";
    outbound_test::write_all(socket, head + "\r\nok");
  };
}

// docs/API.md, "Hostile upstreams": a head over 64 KiB or 100 fields ends the call; one just inside
// the limits is fine.
TEST_F(OutboundHttpTest, ResponseHeadsAreCappedAt100FieldsAnd64KiB) {
  OutboundHttp http(open_policy());
  RawServer hundred(head_of(100, 10));
  auto fine = http.perform(get(hundred.url()));
  ASSERT_TRUE(fine.ok()) << fine.problem().detail;
  EXPECT_EQ(fine->headers.size(), 100u);
  EXPECT_EQ(fine->body, "ok");
  for (auto handler : {head_of(101, 10), head_of(11, 7 * 1024)}) {
    RawServer over(handler);
    auto res = http.perform(get(over.url()));
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.problem().type, ProblemType::UpstreamError);
    EXPECT_NE(res.problem().detail.find("head over 64 KiB or 100 fields"), std::string::npos)
        << res.problem().detail;
  }
}

// A connector's own proxy is chosen by whoever edits it: guarded like a destination, so it
// cannot be pointed at a private address (a metadata service, an admin port). The server's
// proxy is the administrator's choice and is not guarded.
TEST_F(OutboundHttpTest, AConnectorsOwnProxyIsGuardedTheServersIsNot) {
  OutboundHttp http(OutboundPolicy{});    // private networks refused
  auto r = get("http://93.184.216.34/");  // never reached: the proxy is refused first
  r.proxy_mode = ProxyMode::Custom;
  r.transport.proxy_url = "http://169.254.169.254:80";
  auto refused = http.perform(r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().type, ProblemType::DestinationNotAllowed);
  EXPECT_NE(refused.problem().detail.find("the connector's proxy"), std::string::npos)
      << refused.problem().detail;

  OutboundPolicy server_proxy;
  server_proxy.allow_hosts = {"127.0.0.1"};
  server_proxy.outbound_proxy = "http://127.0.0.1:" + std::to_string(a.port());
  OutboundHttp through(server_proxy);
  auto via = get(a.url("/echo"));
  via.proxy_mode = ProxyMode::Server;
  auto answered = through.perform(via);  // httplib answers the absolute-URI request itself
  ASSERT_TRUE(answered.ok()) << answered.problem().detail;
  EXPECT_EQ(answered->via_proxy, server_proxy.outbound_proxy);
}

TEST_F(OutboundHttpTest, ResetAndGarbageAreUpstreamErrors) {
  RawServer reset([](int socket, const std::atomic<bool>&) {
    outbound_test::read_request_head(socket);
    outbound_test::reset_connection(socket);
  });
  RawServer garbage([](int socket, const std::atomic<bool>&) {
    outbound_test::read_request_head(socket);
    outbound_test::write_all(socket, "SSH-2.0-OpenSSH_9.2\r\n\x01\x02\x03 not http at all\r\n\r\n");
  });
  OutboundHttp http(open_policy());
  for (const auto* server : {&reset, &garbage}) {
    auto res = http.perform(get(server->url()));
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.problem().type, ProblemType::UpstreamError);
    EXPECT_EQ(res.problem().status, 502);
  }
  auto refused = http.perform(get("http://127.0.0.1:1/"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().type, ProblemType::UpstreamError);
  EXPECT_NE(refused.problem().detail.find("could not connect"), std::string::npos);
}

TEST_F(OutboundHttpTest, HttpsToAPeerWithoutTlsFailsTheHandshake) {
  // A plain HTTP server as nginx is one: it answers the ClientHello's bytes with a 400 at once
  // (httplib 0.18's own server would wait for a line end until its read timeout).
  RawServer plain([](int socket, const std::atomic<bool>&) {
    outbound_test::write_all(socket, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  OutboundPolicy policy;
  policy.allow_private_networks = true;  // CA bundle: Debian's default
  OutboundHttp http(policy);
  auto res = http.perform(get("https://127.0.0.1:" + std::to_string(plain.port()) + "/echo"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.problem().type, ProblemType::UpstreamError);
  EXPECT_NE(res.problem().detail.find("TLS"), std::string::npos) << res.problem().detail;
}

TEST_F(OutboundHttpTest, HeadHasStatusAndHeadersButNoBody) {
  OutboundHttp http(open_policy());
  auto r = get(a.url("/echo"));
  r.method = "HEAD";
  auto res = http.perform(r);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.empty());
}

TEST_F(OutboundHttpTest, SameOriginRedirectKeepsCredentials) {
  OutboundHttp http(open_policy());
  auto r = get(a.url("/same"));
  r.headers.emplace("Authorization", "Bearer keep-me");
  auto res = http.perform(r);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  auto body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["headers"]["Authorization"], "Bearer keep-me");
  EXPECT_EQ(res->redirects, 1);
  EXPECT_EQ(res->final_url.target, "/echo");
}

TEST_F(OutboundHttpTest, CrossOriginRedirectDropsAuthorizationAndSecretHeaders) {
  OutboundHttp http(open_policy());
  auto r = get(a.url("/to-b"));
  r.headers.emplace("Authorization", "Bearer not-for-b");
  r.headers.emplace("X-Api-Key", "not-for-b-either");
  r.headers.emplace("X-Plain", "fine");
  r.origin_bound_headers = {"X-Api-Key"};
  auto res = http.perform(r);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  auto headers = nlohmann::json::parse(res->body)["headers"];
  EXPECT_FALSE(headers.contains("Authorization"));
  EXPECT_FALSE(headers.contains("X-Api-Key"));
  EXPECT_EQ(headers["X-Plain"], "fine");
  EXPECT_EQ(res->final_url.host, "localhost");
}

TEST_F(OutboundHttpTest, EveryHopIsGuardedAgain) {
  // Only "localhost" is allowed: a redirect to loopback spelled as a number is refused...
  OutboundHttp by_name(OutboundPolicy{false, {"localhost"}, {}, {}, {}});
  auto first = by_name.perform(get("http://localhost:" + std::to_string(a.port()) + "/echo"));
  ASSERT_TRUE(first.ok()) << first.problem().detail;
  auto res = by_name.perform(get("http://localhost:" + std::to_string(a.port()) + "/to-loopback"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.problem().type, ProblemType::DestinationNotAllowed);
  EXPECT_NE(res.problem().detail.find("127.0.0.1 is a loopback address"), std::string::npos);
  EXPECT_EQ(secret_hits, 0);
  // ...and with only 127.0.0.1 allowed, a redirect to localhost is refused.
  OutboundHttp by_address(OutboundPolicy{false, {"127.0.0.1"}, {}, {}, {}});
  auto hop = by_address.perform(get(a.url("/to-b")));
  ASSERT_FALSE(hop.ok());
  EXPECT_EQ(hop.problem().type, ProblemType::DestinationNotAllowed);
  EXPECT_NE(hop.problem().detail.find("'localhost' resolves to"), std::string::npos);
}

TEST_F(OutboundHttpTest, RedirectLimitAndSeeOther) {
  OutboundHttp http(open_policy());
  auto loop = http.perform(get(a.url("/loop")));
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.problem().type, ProblemType::UpstreamError);
  EXPECT_NE(loop.problem().detail.find("more than 5"), std::string::npos);

  auto post = get(a.url("/see-other"));
  post.method = "POST";
  post.body = "{}";
  post.headers.emplace("Content-Type", "application/json");
  auto res = http.perform(post);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  auto body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["method"], "GET");
  EXPECT_EQ(body["body"], "");
}

TEST_F(OutboundHttpTest, GuardRefusesBeforeAnyConnection) {
  OutboundHttp http(OutboundPolicy{});
  auto res = http.perform(get(a.url("/secret")));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.problem().type, ProblemType::DestinationNotAllowed);
  EXPECT_EQ(res.problem().status, 403);
  EXPECT_EQ(secret_hits, 0);
}

}  // namespace
}  // namespace datahub::outbound
