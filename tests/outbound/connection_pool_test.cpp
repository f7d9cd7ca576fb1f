// Kept-alive upstream connections: reused only for the same pinned address, dropped after
// anything that leaves a connection in doubt. Servers count connections by remote port.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "outbound/http_exchange.h"
#include "outbound/outbound_http.h"
#include "outbound_test_util.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using namespace std::chrono_literals;
using outbound_test::LocalServer;
using outbound_test::RawServer;

// An upstream that remembers every connection a request arrived on: the address it was
// accepted on and the client's port.
struct CountingUpstream {
  std::mutex mutex;
  std::set<std::pair<std::string, int>> connections;
  LocalServer server;

  CountingUpstream() {
    add_routes(server.server());
    server.server().set_keep_alive_max_count(100);  // httplib closes after 5 by default
  }
  void add_routes(httplib::Server& s) {
    auto ok = [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_content("ok " + req.get_header_value("Host"), "text/plain");
    };
    s.Get("/ok", ok);
    s.Post("/ok", ok);
    s.Get("/close", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_header("Connection", "close");
      res.set_content("bye", "text/plain");
    });
    s.Get("/big", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_content(std::string(64 * 1024, 'x'), "application/octet-stream");
    });
    s.Get("/slow", [this](const httplib::Request& req, httplib::Response& res) {
      record(req);
      std::this_thread::sleep_for(600ms);
      res.set_content("late", "text/plain");
    });
  }
  void record(const httplib::Request& req) {
    std::lock_guard lock(mutex);
    connections.emplace(req.local_addr, req.remote_port);
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return connections.size();
  }
};

TEST(ConnectionPool, SequentialRequestsShareOneConnection) {
  CountingUpstream up;
  up.server.start();
  OutboundHttp http(open_policy());
  for (int i = 0; i < 5; ++i) {
    auto res = http.perform(get(up.server.url("/ok")));
    ASSERT_TRUE(res.ok()) << res.problem().detail;
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_EQ(up.count(), 1u);
  EXPECT_EQ(http.pool().idle_count(), 1u);
}

TEST(ConnectionPool, APostReusesTheConnectionToo) {
  CountingUpstream up;
  up.server.start();
  OutboundHttp http(open_policy());
  auto post = get(up.server.url("/ok"));
  post.method = "POST";
  post.body = "{}";
  post.headers.emplace("Content-Type", "application/json");
  ASSERT_TRUE(http.perform(post).ok());
  ASSERT_TRUE(http.perform(post).ok());
  EXPECT_EQ(up.count(), 1u);
}

// One name, two checked addresses (127.0.0.1 and 127.0.0.2, same port): a connection pinned to
// one address never carries a request the guard checked for the other.
TEST(ConnectionPool, NeverReusedAcrossCheckedAddresses) {
  CountingUpstream up;
  up.server.start();
  outbound_test::LocalServer second;  // stopped last: after the pool has closed its connections
  up.add_routes(second.server());
  if (!second.start_at("127.0.0.2", up.server.port())) GTEST_SKIP() << "no 127.0.0.2";

  {  // the pool closes its connections before `second` stops, which waits for them
    ClientPool pool;
    auto url = *parse_url("http://upstream.test:" + std::to_string(up.server.port()) + "/ok");
    for (const char* address : {"127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2"}) {
      CheckedDestination destination{url, {*parse_ip_literal(address)}};
      HttpLimits limits{std::chrono::steady_clock::now() + 5s, 1 << 20, {}};
      auto res = exchange(destination, HttpRequest{}, limits, Connections{pool});
      ASSERT_TRUE(res.ok()) << res.problem().detail;
      EXPECT_EQ(res->body, "ok upstream.test:" + std::to_string(up.server.port()));
    }
    EXPECT_EQ(pool.idle_count(), 2u);
  }
  std::lock_guard lock(up.mutex);
  ASSERT_EQ(up.connections.size(), 2u);
  EXPECT_EQ(up.connections.begin()->first, "127.0.0.1");
  EXPECT_EQ(up.connections.rbegin()->first, "127.0.0.2");
}

TEST(ConnectionPool, ConnectionCloseFromTheServerOrTheCallerIsRespected) {
  CountingUpstream up;
  up.server.start();
  OutboundHttp http(open_policy());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(http.perform(get(up.server.url("/close"))).ok());
  EXPECT_EQ(up.count(), 3u);
  EXPECT_EQ(http.pool().idle_count(), 0u);
  auto closing = get(up.server.url("/ok"));
  closing.headers.emplace("Connection", "close");
  ASSERT_TRUE(http.perform(closing).ok());
  EXPECT_EQ(http.pool().idle_count(), 0u);
  EXPECT_EQ(up.count(), 4u);
}

TEST(ConnectionPool, DroppedAfterATimeoutOrACappedBody) {
  CountingUpstream up;
  up.server.start();
  OutboundHttp http(open_policy());
  ASSERT_TRUE(http.perform(get(up.server.url("/ok"))).ok());
  auto slow = http.perform(get(up.server.url("/slow"), 200));
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.problem().type, ProblemType::UpstreamTimeout);
  EXPECT_EQ(http.pool().idle_count(), 0u);
  auto after = http.perform(get(up.server.url("/ok")));
  ASSERT_TRUE(after.ok()) << after.problem().detail;
  EXPECT_EQ(after->body.substr(0, 2), "ok");  // not the late answer to /slow
  EXPECT_EQ(up.count(), 2u);

  auto capped = get(up.server.url("/big"));
  capped.max_body = 100;
  auto big = http.perform(capped);
  ASSERT_TRUE(big.ok());
  EXPECT_TRUE(big->body_truncated);
  EXPECT_EQ(http.pool().idle_count(), 0u);
  ASSERT_TRUE(http.perform(get(up.server.url("/ok"))).ok());
  EXPECT_EQ(up.count(), 3u);
}

// Answers the first request on each connection properly and kept alive, then garbage.
RawServer::Handler good_then_garbage(std::atomic<int>& connections) {
  return [&connections](int socket, const std::atomic<bool>&) {
    ++connections;
    outbound_test::read_request_head(socket);
    outbound_test::write_all(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    if (outbound_test::read_request_head(socket).empty()) return;
    outbound_test::write_all(socket, "garbage\r\n\r\n");
  };
}

TEST(ConnectionPool, DroppedAfterAnErrorAndTheNextRequestWorks) {
  std::atomic<int> connections{0};
  RawServer raw(good_then_garbage(connections));
  OutboundHttp http(open_policy());
  auto post = get(raw.url());
  post.method = "POST";
  ASSERT_TRUE(http.perform(post).ok());
  EXPECT_EQ(http.pool().idle_count(), 1u);
  auto broken = http.perform(post);  // not repeated: a POST may have been acted on
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.problem().type, ProblemType::UpstreamError);
  EXPECT_EQ(http.pool().idle_count(), 0u);
  auto next = http.perform(post);
  ASSERT_TRUE(next.ok()) << next.problem().detail;
  EXPECT_EQ(next->body, "ok");
  EXPECT_EQ(connections, 2);
  // A GET that meets a broken kept-alive connection is sent once more on a new one.
  auto repeated = http.perform(get(raw.url()));
  ASSERT_TRUE(repeated.ok()) << repeated.problem().detail;
  EXPECT_EQ(repeated->body, "ok");
  EXPECT_EQ(connections, 3);
}

TEST(ConnectionPool, RedirectHopsUseTheirOwnOrigins) {
  CountingUpstream a, b;
  a.server.server().Get("/to-b", [&b](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(b.server.url("/ok"), 307);
  });
  a.server.start();
  b.server.start();
  OutboundHttp http(open_policy());
  for (int i = 0; i < 3; ++i) {
    auto res = http.perform(get(a.server.url("/to-b")));
    ASSERT_TRUE(res.ok()) << res.problem().detail;
    EXPECT_EQ(res->redirects, 1);
  }
  EXPECT_EQ(b.count(), 1u);
  EXPECT_EQ(http.pool().idle_count(), 2u);  // one for each origin
}

ClientPool::Client dummy_client() {
  return std::make_shared<UpstreamClient>(UpstreamClient{new_curl_easy()});
}

PoolKey key(int port) {
  return PoolKey{"http", "h", port, "127.0.0.1", ""};
}

TEST(ClientPoolCaps, PerKeyTotalAndAge) {
  ClientPool pool(PoolLimits{2, 3, 200ms});
  auto first = dummy_client();
  pool.check_in(key(1), first);
  pool.check_in(key(1), dummy_client());
  pool.check_in(key(1), dummy_client());  // over the per-key cap: closed
  EXPECT_EQ(pool.idle_count(), 2u);
  pool.check_in(key(2), dummy_client());
  pool.check_in(key(3), dummy_client());  // over the total cap: the oldest (`first`) goes
  EXPECT_EQ(pool.idle_count(), 3u);
  auto again = pool.check_out(key(1));
  EXPECT_NE(again, nullptr);
  EXPECT_NE(again, first);
  EXPECT_EQ(pool.check_out(key(1)), nullptr);
  EXPECT_EQ(pool.check_out(PoolKey{"http", "h", 2, "127.0.0.2", ""}), nullptr);  // address
  std::this_thread::sleep_for(250ms);
  EXPECT_EQ(pool.check_out(key(2)), nullptr);  // too old
}

}  // namespace
}  // namespace datahub::outbound
