// Upstreams that answer badly on purpose, reached through "Test connection" and /request: a
// 100 KB status line, 10,000 header lines, a 1 MiB header, a gzip bomb, an endless chunked
// body, a body that stalls, and a token endpoint that does the same. Each call ends with a
// clear failure; the server lives on, answers /api/health and stays small.
#include <chrono>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "gzip_bomb.h"
#include "hostile_upstream.h"

namespace datahub::testing {
namespace {

constexpr long kMaxRssKib = 256 * 1024;

HostileUpstream::Script answer(std::string bytes) {
  return [bytes = std::move(bytes)](const auto& send) { send(bytes); };
}

class HostileUpstreamTest : public ApiTest {
 protected:
  void SetUp() override { start_reaching_loopback(); }

  json connector_to(const HostileUpstream& upstream) {
    json c = no_auth_connector("Hostile", upstream.url("/v1"));
    c["timeout_ms"] = 3000;
    return c;
  }
  // "Test connection" of an unsaved connector: a 200 whose request step failed.
  json test_fails(const json& connector) {
    Reply r = post("/api/connectors/test", connector);
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body["ok"], false) << r.raw;
    return r.body;
  }
  // /request through a saved, active connector: the problem the caller gets.
  Reply request_through(const json& connector) {
    json c = create(connector);
    const std::string base = "/api/connectors/" + c["id"].get<std::string>();
    EXPECT_EQ(post(base + "/activate", json::object()).status, 200);
    return post(base + "/request", {{"method", "GET"}, {"path", "/data"}});
  }
  void expect_server_well() {
    EXPECT_EQ(get("/api/health").status, 200);
    const long peak = m_server->peak_rss_kib();
    EXPECT_GT(peak, 0);
    EXPECT_LT(peak, kMaxRssKib) << "peak RSS " << peak << " KiB";
  }
};

TEST_F(HostileUpstreamTest, AStatusLineOf100KBFailsTheCallNotTheServer) {
  HostileUpstream upstream(
      answer("HTTP/1.1 200 " + std::string(100000, 'A') + "\r\nContent-Length: 0\r\n\r\n"));
  test_fails(connector_to(upstream));
  Reply r = request_through(connector_to(upstream));
  EXPECT_EQ(r.status, 502) << r.raw;
  expect_server_well();
}

TEST_F(HostileUpstreamTest, TenThousandHeaderLinesFailTheCall) {
  std::string head = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 10000; ++i) head += "X-Header-" + std::to_string(i) + ": v\r\n";
  HostileUpstream upstream(answer(head + "Content-Length: 0\r\n\r\n"));
  test_fails(connector_to(upstream));
  EXPECT_EQ(request_through(connector_to(upstream)).status, 502);
  expect_server_well();
}

TEST_F(HostileUpstreamTest, AHeaderOfOneMiBFailsTheCall) {
  HostileUpstream upstream(answer("HTTP/1.1 200 OK\r\nX-Big: " + std::string(1 << 20, 'b') +
                                  "\r\nContent-Length: 0\r\n\r\n"));
  test_fails(connector_to(upstream));
  EXPECT_EQ(request_through(connector_to(upstream)).status, 502);
  expect_server_well();
}

// 300 MiB of zeros in 300 KiB of gzip: what is decoded stops at the 1 MiB cap.
TEST_F(HostileUpstreamTest, AGzipBombIsNotInflatedPastTheCap) {
  const std::string body = gzip_of_zeros(300u << 20);
  HostileUpstream upstream(
      answer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
             "Content-Encoding: gzip\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body));
  json result = test_fails(connector_to(upstream));
  EXPECT_NE(result.dump().find("decodes to more than"), std::string::npos) << result.dump();
  Reply r = request_through(connector_to(upstream));
  EXPECT_EQ(r.status, 502) << r.raw.substr(0, 300);
  EXPECT_EQ(r.body["type"], "urn:datahub:problem:upstream-error") << r.raw.substr(0, 300);
  expect_server_well();
}

// A plain body over the cap is the answer cut short (docs/API.md, "Hostile upstreams"): 200 with
// body_truncated.
TEST_F(HostileUpstreamTest, AnEndlessChunkedBodyIsCutAtTheCap) {
  HostileUpstream upstream([](const auto& send) {
    if (!send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")) return;
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
    while (send(chunk)) {
    }
  });
  Reply test = post("/api/connectors/test", connector_to(upstream));
  EXPECT_EQ(test.status, 200);
  Reply r = request_through(connector_to(upstream));
  EXPECT_EQ(r.status, 200) << r.raw.substr(0, 300);
  EXPECT_EQ(r.body["body_truncated"], true);
  EXPECT_EQ(r.body["body"].get<std::string>().size(), 1u << 20);
  expect_server_well();
}

TEST_F(HostileUpstreamTest, ABodyThatStallsEndsAtTheConnectorsTimeout) {
  HostileUpstream upstream([](const auto& send) {
    if (!send("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc")) return;
    while (send("")) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
  const auto start = std::chrono::steady_clock::now();
  test_fails(connector_to(upstream));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  expect_server_well();
}

// Found by an outside attack: fifty calls to one stalled upstream took every worker, and the
// health check and every edit answered 503 until they timed out. Now calls to upstreams may
// hold half the workers; one more is refused at once with 503 `busy`, and the rest of the API
// keeps answering, even the client whose calls are waiting.
TEST_F(HostileUpstreamTest, StalledUpstreamsCannotTakeTheWorkersTheRestOfTheApiNeeds) {
  ServerConfig config;
  config.extra_args = {"--allow-private-networks", "--workers", "8"};  // 4 outbound slots
  start(config);
  HostileUpstream stalled([](const auto& send) {
    while (send("")) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
  const json connector = connector_to(stalled);
  std::vector<std::thread> callers;
  for (int i = 0; i < 4; ++i) {
    callers.emplace_back([&] {
      httplib::Client client("127.0.0.1", m_server->port());
      client.set_read_timeout(std::chrono::seconds(10));
      client.Post("/api/connectors/test",
                  {{"Authorization", "Bearer " + ServerProcess::admin_token()}}, connector.dump(),
                  "application/json");
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(800));  // all four are waiting
  Reply refused = post("/api/connectors/test", connector);
  EXPECT_EQ(refused.status, 503) << refused.raw;
  EXPECT_EQ(refused.body["type"], "urn:datahub:problem:busy") << refused.raw;
  EXPECT_EQ(refused.headers.count("Retry-After"), 1u);
  EXPECT_EQ(get("/api/health").status, 200);
  EXPECT_EQ(get("/api/connectors").status, 200);
  for (auto& caller : callers) caller.join();  // each ends at its 3 s timeout
  EXPECT_EQ(test_fails(connector)["steps"][0]["problem"], "upstream-timeout");  // slots free
}

TEST_F(HostileUpstreamTest, AHostileTokenEndpointFailsTheTokenStep) {
  HostileUpstream idp(
      answer("HTTP/1.1 200 " + std::string(100000, 'A') + "\r\nContent-Length: 0\r\n\r\n"));
  json c = oauth_connector("Hostile IdP", "a-client-secret");
  c["base_url"] = idp.url("/v1");
  c["auth"]["token_url"] = idp.url("/token");
  json result = test_fails(c);
  ASSERT_FALSE(result["steps"].empty());
  EXPECT_EQ(result["steps"][0]["name"], "token");
  EXPECT_EQ(result["steps"][0]["ok"], false);
  expect_server_well();
}

}  // namespace
}  // namespace datahub::testing
