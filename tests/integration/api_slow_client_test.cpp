// Slow and greedy clients: connections that send their request head a byte at a time, many
// connections from one address, and more requests than workers. None of them may keep
// /api/health from answering within a second.
#include <chrono>
#include <thread>

#include "api_fixture.h"
#include "raw_connection.h"

namespace datahub::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Dribblers: connections that have sent part of a head and add a byte now and then.
class Dribblers {
 public:
  Dribblers(int port, int count, const std::vector<std::string>& sources) {
    for (int i = 0; i < count; ++i) {
      auto conn = std::make_unique<RawConnection>(
          port, sources[static_cast<std::size_t>(i) % sources.size()].c_str());
      if (conn->connected() && conn->send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: "))
        m_open.push_back(std::move(conn));
    }
  }
  std::size_t opened() const { return m_open.size(); }
  // One more byte on every connection still open; returns how many are.
  std::size_t drip() {
    std::size_t alive = 0;
    for (auto& conn : m_open) alive += conn->send("a") ? 1 : 0;
    return alive;
  }

 private:
  std::vector<std::unique_ptr<RawConnection>> m_open;
};

class SlowClientTest : public ApiTest {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.extra_args = {"--request-head-timeout", "2"};
    start(config);
  }
  // `count` connections from `source` (nullptr: 127.0.0.1), each holding a worker with an
  // authorized request whose body never comes; returned once their heads reach the workers.
  std::vector<std::unique_ptr<RawConnection>> hold_workers(int count, const char* source) {
    const std::string head =
        "POST /api/connectors HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n"
        "Authorization: Bearer " +
        ServerProcess::admin_token() + "\r\n\r\n{";
    std::vector<std::unique_ptr<RawConnection>> busy;
    for (int i = 0; i < count; ++i) {
      busy.push_back(std::make_unique<RawConnection>(m_server->port(), source));
      EXPECT_TRUE(busy.back()->send(head));
    }
    std::this_thread::sleep_for(milliseconds(300));
    return busy;
  }
  // Calls /api/health on a fresh connection every 100 ms for `span`, dripping on the
  // dribblers every 500 ms; returns the slowest answer (a failed call counts as 10 s).
  milliseconds slowest_health(Dribblers& dribblers, milliseconds span) {
    milliseconds slowest{0};
    auto next_drip = Clock::now();
    for (const auto end = Clock::now() + span; Clock::now() < end;) {
      if (Clock::now() >= next_drip) {
        dribblers.drip();
        next_drip += milliseconds(500);
      }
      httplib::Client cli("127.0.0.1", m_server->port());
      cli.set_read_timeout(std::chrono::seconds(10));
      const auto start = Clock::now();
      auto res = cli.Get("/api/health");
      auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
      if (!res || res->status != 200) took = milliseconds(10000);
      slowest = std::max(slowest, took);
      std::this_thread::sleep_for(milliseconds(100));
    }
    return slowest;
  }
};

TEST_F(SlowClientTest, AThousandDribblersFromOneAddressDoNotStopTheServer) {
  Dribblers dribblers(m_server->port(), 1000, {"127.0.0.2"});
  EXPECT_GT(dribblers.opened(), 0u);
  EXPECT_LT(slowest_health(dribblers, milliseconds(3000)), milliseconds(1000));
  EXPECT_EQ(get("/api/connectors").status, 200);
}

TEST_F(SlowClientTest, AThousandDribblersFromEightAddressesDoNotStopTheServer) {
  Dribblers dribblers(m_server->port(), 1000,
                      {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7",
                       "127.0.0.8", "127.0.0.9"});
  EXPECT_GT(dribblers.opened(), 500u);
  EXPECT_LT(slowest_health(dribblers, milliseconds(3000)), milliseconds(1000));
  EXPECT_EQ(get("/api/connectors").status, 200);
}

TEST_F(SlowClientTest, AHeadThatTakesTooLongIsCut) {
  Dribblers dribblers(m_server->port(), 8, {"127.0.0.2"});
  ASSERT_EQ(dribblers.opened(), 8u);
  // The head timeout is 2 s: by 3.5 s every dribbling connection has been closed.
  std::size_t alive = 8;
  for (int i = 0; i < 7 && alive > 0; ++i) {
    std::this_thread::sleep_for(milliseconds(500));
    alive = dribblers.drip();
  }
  EXPECT_EQ(dribblers.drip(), 0u);
}

TEST_F(SlowClientTest, OneAddressHoldsAtMostItsShareOfConnections) {
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 64; ++i)
    held.push_back(std::make_unique<RawConnection>(m_server->port(), "127.0.0.3"));
  RawConnection one_more(m_server->port(), "127.0.0.3");
  EXPECT_EQ(one_more.read_status(2000), 503);
  RawConnection elsewhere(m_server->port(), "127.0.0.4");
  elsewhere.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(elsewhere.read_status(2000), 200);
}

// With two workers, both held by requests whose bodies are still coming, a third request is
// answered 503 with Retry-After at once, and served again once a worker is free.
TEST_F(SlowClientTest, WhenEveryWorkerIsBusyARequestGetsAFast503) {
  ServerConfig config;
  config.extra_args = {"--workers", "2"};
  start(config);
  auto busy = hold_workers(2, nullptr);
  RawConnection third(m_server->port());
  third.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  const auto start = Clock::now();
  EXPECT_EQ(third.read_status(5000), 503);
  EXPECT_LT(Clock::now() - start, milliseconds(1000));
  busy.clear();  // the workers' requests end (the bodies never come)
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(get("/api/health").status, 200);
}

// Sockets numbered past 1024: httplib's select() failed every request there (400) and FD_SET
// would write past its set; poll() has no such bound.
TEST_F(SlowClientTest, MoreThan1024ConnectionsAtOnceDoNotBreakRequests) {
  std::vector<std::string> sources;
  for (int i = 2; i < 22; ++i) sources.push_back("127.0.0." + std::to_string(i));
  Dribblers dribblers(m_server->port(), 1200, sources);
  EXPECT_GT(dribblers.opened(), 1100u);
  EXPECT_EQ(get("/api/health").status, 200);
  EXPECT_EQ(get("/api/connectors").status, 200);
}

TEST_F(SlowClientTest, AllClientsTogetherHoldAtMostMaxConnections) {
  ServerConfig config;
  config.extra_args = {"--max-connections", "40"};
  start(config);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 40; ++i)
    held.push_back(std::make_unique<RawConnection>(
        m_server->port(), ("127.0.0." + std::to_string(2 + i % 8)).c_str()));
  std::this_thread::sleep_for(milliseconds(200));
  RawConnection one_more(m_server->port(), "127.0.0.20");
  EXPECT_EQ(one_more.read_status(2000), 503);
  held.clear();
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(get("/api/health").status, 200);
}

// A client that holds workers (here with request bodies that never come; equally, by not
// reading its answers) gets at most 3/4 of them: other addresses are still served.
TEST_F(SlowClientTest, OneAddressTakesAtMostThreeQuartersOfTheWorkers) {
  ServerConfig config;
  config.extra_args = {"--workers", "4"};
  start(config);
  auto busy = hold_workers(3, "127.0.0.2");
  RawConnection same(m_server->port(), "127.0.0.2");
  same.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(same.read_status(2000), 503);
  RawConnection other(m_server->port(), "127.0.0.3");
  other.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(other.read_status(2000), 200);
}

}  // namespace
}  // namespace datahub::testing
