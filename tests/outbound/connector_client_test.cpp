// The facade the routes call, end to end: strict token endpoint, httpbin and in-test upstreams.
#include <gtest/gtest.h>

#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include "outbound/connector_client.h"
#include "strict_token_endpoint.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using nlohmann::json;
using outbound_test::ChildServer;
using outbound_test::LocalServer;
using outbound_test::StrictTokenEndpoint;

constexpr const char* kApiKey = "api-key-very-secret";

// Records exactly what arrived, and accepts only the bearer token it is told to.
struct RecordingUpstream {
  std::mutex mutex;
  httplib::Headers last_headers;
  std::string last_target;
  std::string accepted_token;  // empty: any
  std::atomic<int> hits{0};
  LocalServer server;

  RecordingUpstream() {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      ++hits;
      std::lock_guard lock(mutex);
      last_headers = req.headers;
      last_target = req.target;
      auto auth = req.get_header_value("Authorization");
      if (!accepted_token.empty() && auth != "Bearer " + accepted_token) {
        res.status = 401;
        res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return;
      }
      res.set_header("X-Echo-Auth", auth);  // a careless upstream echoing credentials
      res.set_content(
          "{\"seen\":\"" + auth + "\",\"key\":\"" + req.get_header_value("X-Api-Key") + "\"}",
          "application/json");
    };
    server.server().Get(".*", handler);
    server.server().Post(".*", handler);
    server.start();
  }
  std::string header(const std::string& name) {
    std::lock_guard lock(mutex);
    auto it = last_headers.find(name);
    return it == last_headers.end() ? "(none)" : it->second;
  }
};

Connector make_connector(const std::string& base_url, const StrictTokenEndpoint* idp) {
  Connector c;
  c.id = "c_test";
  c.version = 1;
  c.name = "test";
  c.base_url = base_url;
  c.timeout_ms = 10000;
  c.headers.push_back({"X-Plain", WriteOnly{"plain-value", true}, false});
  c.headers.push_back({"X-Api-Key", WriteOnly{kApiKey, true}, true});
  if (idp != nullptr) {
    c.auth.method = AuthMethod::OAuth2;
    auto& o = c.auth.oauth2;
    o.token_url = idp->server.url("/token");
    o.client_id = idp->client_id;
    o.client_secret.value = idp->client_secret;
    o.scope = "read";
  }
  return c;
}

class ConnectorClientTest : public ::testing::Test {
 protected:
  StrictTokenEndpoint idp;
  RecordingUpstream upstream;
  ConnectorClient client{OutboundPolicy{true, {}, {}, {}, {}}};
};

TEST_F(ConnectorClientTest, RequestSendsConnectorHeadersAndTheBearerToken) {
  auto connector = make_connector(upstream.server.url("/api/"), &idp);
  ProxyRequest request;
  request.method = "POST";
  request.path = "/orders";
  request.query = {{"q", "a b"}};
  request.headers = {{"X-Trace", "t1"}};
  request.body = json{{"n", 1}};
  auto res = client.request(connector, request);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(upstream.last_target, "/api/orders?q=a%20b");
  EXPECT_EQ(upstream.header("X-Plain"), "plain-value");
  EXPECT_EQ(upstream.header("X-Api-Key"), kApiKey);
  EXPECT_EQ(upstream.header("X-Trace"), "t1");
  EXPECT_EQ(upstream.header("Content-Type"), "application/json");
  EXPECT_EQ(upstream.header("Authorization"), "Bearer tok-1-client_credentials");
  // What the API answers never carries the secret or the token, even when echoed.
  auto answer = to_json(*res).dump();
  EXPECT_EQ(answer.find(kApiKey), std::string::npos) << answer;
  EXPECT_EQ(answer.find("tok-1"), std::string::npos) << answer;
  EXPECT_EQ(res->headers.at("x-echo-auth"), "Bearer ***");
  EXPECT_FALSE(res->body_truncated);
  EXPECT_GT(res->latency_ms, 0);
}

// timeout_ms bounds the whole call: after a slow token endpoint, the request gets what is left.
TEST_F(ConnectorClientTest, OneDeadlineCoversTheTokenAndTheRequest) {
  LocalServer slow;
  slow.server().Get("/api/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    res.set_content("late", "text/plain");
  });
  slow.start();
  idp.delay_ms = 500;
  auto connector = make_connector(slow.url("/api"), &idp);
  connector.timeout_ms = 800;  // enough for either step, not for both
  ProxyRequest request;
  request.path = "/slow";
  const auto start = std::chrono::steady_clock::now();
  auto res = client.request(connector, request);
  ASSERT_FALSE(res.ok()) << "the call took both steps' time: " << res->status;
  EXPECT_EQ(res.problem().type, ProblemType::UpstreamTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(ConnectorClientTest, TestResultShowsBothStepsWithoutSecrets) {
  auto connector = make_connector(upstream.server.url("/api"), &idp);
  auto result = to_json(client.test(connector, "GET", "/health"));
  ASSERT_TRUE(result["ok"].get<bool>()) << result.dump(2);
  ASSERT_EQ(result["steps"].size(), 2u);
  const auto& token = result["steps"][0];
  EXPECT_EQ(token["name"], "token");
  EXPECT_EQ(token["status"], 200);
  EXPECT_TRUE(token.contains("latency_ms"));
  const auto& request = result["steps"][1];
  EXPECT_EQ(request["name"], "request");
  EXPECT_EQ(request["status"], 200);
  EXPECT_EQ(request["url"], upstream.server.url("/api/health"));
  EXPECT_EQ(request["request_headers"]["authorization"], "Bearer ***");
  EXPECT_EQ(request["request_headers"]["x-api-key"], "***");
  EXPECT_EQ(request["headers"]["content-type"], "application/json");
  EXPECT_EQ(request["body_truncated"], false);
  auto text = result.dump();
  EXPECT_EQ(text.find(kApiKey), std::string::npos) << text;
  EXPECT_EQ(text.find("tok-"), std::string::npos) << text;
  EXPECT_EQ(text.find(idp.client_secret), std::string::npos);
}

TEST_F(ConnectorClientTest, TestStopsAtAFailedTokenStep) {
  auto connector = make_connector(upstream.server.url(), &idp);
  connector.auth.oauth2.client_secret.value = "wrong-secret";
  auto result = to_json(client.test(connector));
  EXPECT_FALSE(result["ok"].get<bool>());
  ASSERT_EQ(result["steps"].size(), 1u);
  const auto& token = result["steps"][0];
  EXPECT_EQ(token["ok"], false);
  EXPECT_EQ(token["status"], 401);
  EXPECT_EQ(token["oauth_error"], "invalid_client");
  EXPECT_EQ(token["problem"], "token-error");
  EXPECT_EQ(upstream.hits, 0);
  EXPECT_EQ(result.dump().find("wrong-secret"), std::string::npos);
}

TEST_F(ConnectorClientTest, TestReportsAGuardedDestination) {
  ConnectorClient strict{OutboundPolicy{}};
  auto result = to_json(strict.test(make_connector(upstream.server.url(), nullptr), "GET", "/x"));
  EXPECT_FALSE(result["ok"].get<bool>());
  ASSERT_EQ(result["steps"].size(), 1u);
  EXPECT_EQ(result["steps"][0]["problem"], "destination-not-allowed");
  EXPECT_EQ(upstream.hits, 0);
  auto bad_path =
      to_json(client.test(make_connector(upstream.server.url(), nullptr), "GET", "//evil.example"));
  EXPECT_EQ(bad_path["steps"][0]["problem"], "validation");
}

TEST_F(ConnectorClientTest, RequestProblems) {
  ConnectorClient strict{OutboundPolicy{}};
  auto refused = strict.request(make_connector(upstream.server.url(), nullptr), {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().status, 403);

  auto connector = make_connector(upstream.server.url(), &idp);
  ProxyRequest with_auth;
  with_auth.headers = {{"authorization", "Bearer mine"}};
  auto owned = client.request(connector, with_auth);
  ASSERT_FALSE(owned.ok());
  EXPECT_EQ(owned.problem().status, 422);

  connector.auth.oauth2.client_secret.value = "wrong-secret";
  auto token = client.request(connector, {});
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.problem().type, ProblemType::TokenError);
  EXPECT_EQ(token.problem().extensions["oauth_error"], "invalid_client");

  auto gone = client.request(make_connector("http://127.0.0.1:1", nullptr), {});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.problem().type, ProblemType::UpstreamError);
}

TEST_F(ConnectorClientTest, A401DropsTheTokenAndRetriesOnce) {
  auto connector = make_connector(upstream.server.url(), &idp);
  ASSERT_TRUE(client.request(connector, {}).ok());
  ASSERT_TRUE(client.request(connector, {}).ok());
  EXPECT_EQ(idp.token_requests, 1);  // cached

  {  // the upstream revokes tok-1 and will accept only the next token
    std::lock_guard lock(upstream.mutex);
    upstream.accepted_token = "tok-2-client_credentials";
  }
  auto retried = client.request(connector, {});
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->status, 200);
  EXPECT_EQ(idp.token_requests, 2);

  {  // an upstream that refuses every token: one retry, then its 401 is the answer
    std::lock_guard lock(upstream.mutex);
    upstream.accepted_token = "never";
  }
  int hits_before = upstream.hits;
  auto refused = client.request(connector, {});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(upstream.hits - hits_before, 2);
  EXPECT_EQ(idp.token_requests, 3);
}

TEST_F(ConnectorClientTest, InvalidateAndNewVersionsFetchANewToken) {
  auto connector = make_connector(upstream.server.url(), &idp);
  ASSERT_TRUE(client.request(connector, {}).ok());
  client.invalidate(connector.id);
  ASSERT_TRUE(client.request(connector, {}).ok());
  EXPECT_EQ(idp.token_requests, 2);
  connector.version = 2;
  ASSERT_TRUE(client.request(connector, {}).ok());
  EXPECT_EQ(idp.token_requests, 3);
  idp.expires_in = 20;  // inside the 30 s margin: never reused
  client.invalidate(connector.id);
  ASSERT_TRUE(client.request(connector, {}).ok());
  ASSERT_TRUE(client.request(connector, {}).ok());
  EXPECT_EQ(idp.token_requests, 5);
}

TEST_F(ConnectorClientTest, FiftyConcurrentRequestsShareOneTokenRequest) {
  idp.delay_ms = 300;  // long enough for every caller to arrive while the first one waits
  auto connector = make_connector(upstream.server.url(), &idp);
  constexpr int kCallers = 50;
  std::latch start(kCallers);
  std::atomic<int> ok{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&] {
      start.arrive_and_wait();
      auto res = client.request(connector, {});
      if (res.ok() && res->status == 200) ++ok;
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(ok, kCallers);
  EXPECT_EQ(idp.token_requests, 1);
  EXPECT_EQ(upstream.hits, kCallers);
}

TEST_F(ConnectorClientTest, ProxiedBodyIsCappedAt1MiB) {
  LocalServer big;
  big.server().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1024 * 1024 + 10, 'y'), "application/octet-stream");
  });
  big.start();
  ProxyRequest request;
  request.path = "/big";
  auto res = client.request(make_connector(big.url(), nullptr), request);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  // The masking then drops a fixed tail (the secret header's length less one) and appends "…".
  const std::string cut_mark = "\xE2\x80\xA6";
  const std::size_t dropped = std::string_view(kApiKey).size() - 1;
  EXPECT_EQ(res->body, std::string(1024 * 1024 - dropped, 'y') + cut_mark);
  EXPECT_TRUE(res->body_truncated);
  auto preview = to_json(client.test(make_connector(big.url(), nullptr), "GET", "/big"));
  EXPECT_EQ(preview["steps"][0]["body_preview"], std::string(4096 - dropped, 'y') + cut_mark);
  EXPECT_EQ(preview["steps"][0]["body_truncated"], true);
}

// Debian's python3-httpbin shows which headers arrived. Its echo of the secret header and the
// token come back masked, which proves the exact values arrived.
TEST(ConnectorClientHttpbin, HeadersArriveAsConfigured) {
  ChildServer httpbin(
      {"/usr/bin/python3", outbound_test::source_dir() + "/tests/outbound/httpbin_server.py"});
  ASSERT_TRUE(httpbin.ok()) << "python3-httpbin did not start";
  StrictTokenEndpoint idp;
  ConnectorClient client{OutboundPolicy{true, {}, {}, {}, {}}};
  ProxyRequest request;
  request.path = "/anything/x";
  request.query = {{"k", "v w"}};
  auto res = client.request(make_connector(httpbin.url(), &idp), request);
  ASSERT_TRUE(res.ok()) << res.problem().detail;
  ASSERT_EQ(res->status, 200) << res->body;
  auto echoed = json::parse(res->body);
  EXPECT_EQ(echoed["headers"]["X-Plain"], "plain-value");
  EXPECT_EQ(echoed["headers"]["X-Api-Key"], "***");
  EXPECT_EQ(echoed["headers"]["Authorization"], "Bearer ***");
  EXPECT_EQ(echoed["args"]["k"], "v w");
  EXPECT_EQ(echoed["headers"]["Host"], "127.0.0.1:" + std::to_string(httpbin.port()));
}

}  // namespace
}  // namespace datahub::outbound
