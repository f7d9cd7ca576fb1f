// The outbound routes end to end: a real server, a token endpoint and an upstream on loopback.
#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "local_peer.h"

namespace datahub::testing {
namespace {

const std::string kClientSecret = "CLIENT-SECRET-5e1d";
const std::string kApiKey = "API-KEY-SECRET-77c2";
const std::string kAccessToken = "ACCESS-TOKEN-9a8b";
constexpr std::size_t kPreviewBytes = 4096;  // a test result's body_preview

class OutboundApiTest : public ApiTest {
 protected:
  void SetUp() override {
    m_idp.server().Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
      m_idp.record(req);
      const int n = ++m_tokens_issued;
      res.set_content(nlohmann::json{{"access_token", kAccessToken + std::to_string(n)},
                                     {"token_type", "bearer"},
                                     {"expires_in", 3600}}
                          .dump(),
                      "application/json");
    });
    // A token endpoint that quotes the request it refuses, credentials and all.
    m_idp.server().Post("/token-echo", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 400;
      res.set_content(
          nlohmann::json{
              {"error", "invalid_client"},
              {"error_description", "got Authorization: " + req.get_header_value("Authorization") +
                                        " and body: " + req.body}}
              .dump(),
          "application/json");
    });
    m_idp.start();
    m_api.server().Get("/v1/health", [this](const httplib::Request& req, httplib::Response& res) {
      m_api.record(req);
      res.set_content(R"({"healthy":true})", "application/json");
    });
    m_api.server().Post("/v1/orders", [this](const httplib::Request& req, httplib::Response& res) {
      m_api.record(req);
      if (m_reject_next.exchange(false)) {
        res.status = 401;
        return;
      }
      res.status = 201;
      res.set_header("X-Upstream", "yes");
      res.set_content("created " + req.body, "text/plain");
    });
    // Reflects the caller's path so that it ends exactly where a 4 KiB preview is cut.
    m_api.server().Get(R"(/v1/echo/.*)", [](const httplib::Request& req, httplib::Response& res) {
      const std::size_t room =
          req.path.size() < kPreviewBytes ? kPreviewBytes - req.path.size() : 0;
      res.set_content(std::string(room, '.') + req.path + std::string(64, '.'), "text/plain");
    });
    m_api.start();
    start_reaching_loopback();
  }

  // The server goes first: its pool keeps upstream connections open, and a peer stopping
  // under them would wait out its keep-alive timeout.
  void TearDown() override {
    m_client.reset();
    m_server.reset();
  }

  json connector(const std::string& name) {
    return {{"type", "api"},
            {"name", name},
            {"base_url", m_api.url("/v1")},
            {"auth",
             {{"method", "oauth2"},
              {"grant_type", "client_credentials"},
              {"token_url", m_idp.url("/token")},
              {"client_id", "hub"},
              {"client_secret", kClientSecret}}},
            {"headers", {{{"name", "X-API-Key"}, {"value", kApiKey}, {"secret", true}}}}};
  }

  LocalPeer m_idp;
  LocalPeer m_api;
  std::atomic<int> m_tokens_issued{0};
  std::atomic<bool> m_reject_next{false};
};

void expect_no_secrets(const std::string& text) {
  for (const std::string& s : {kClientSecret, kApiKey, kAccessToken}) {
    EXPECT_EQ(text.find(s), std::string::npos) << s << " leaked in " << text;
  }
}

TEST_F(OutboundApiTest, TestRunsTheTokenStepThenTheRequestStepWhileDisabled) {
  json c = create(connector("ERP"));
  ASSERT_EQ(c["status"], "disabled");
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  Reply r = post(base + "/test", {{"method", "GET"}, {"path", "/health"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["ok"], true) << r.raw;
  ASSERT_EQ(r.body["steps"].size(), 2u);
  EXPECT_EQ(r.body["steps"][0]["name"], "token");
  EXPECT_EQ(r.body["steps"][0]["ok"], true);
  EXPECT_EQ(r.body["steps"][1]["name"], "request");
  EXPECT_EQ(r.body["steps"][1]["status"], 200);
  EXPECT_NE(r.body["steps"][1]["body_preview"].get<std::string>().find("healthy"),
            std::string::npos);
  expect_no_secrets(r.raw);

  auto arrived = m_api.requests();
  ASSERT_EQ(arrived.size(), 1u);
  EXPECT_EQ(arrived[0].get_header_value("Authorization"), "Bearer " + kAccessToken + "1");
  EXPECT_EQ(arrived[0].get_header_value("X-API-Key"), kApiKey);

  Reply h = get(base + "/history");
  EXPECT_EQ(h.body["items"][0]["action"], "tested");
}

TEST_F(OutboundApiTest, AnUnsavedConnectorCanBeTested) {
  Reply r = post("/api/connectors/test", connector("Not saved yet"));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["steps"].size(), 2u);
  EXPECT_EQ(get("/api/connectors").body["total"], 0);
  Reply bad = post("/api/connectors/test", no_auth_connector(""));
  EXPECT_EQ(bad.status, 422);
}

TEST_F(OutboundApiTest, RequestNeedsAnActiveConnectorAndProxiesWithTheToken) {
  json c = create(connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  json request = {{"method", "POST"}, {"path", "/orders"}, {"body", {{"sku", "A-1"}}}};
  Reply disabled = post(base + "/request", request);
  EXPECT_EQ(disabled.status, 409);
  EXPECT_EQ(disabled.body["type"], "urn:datahub:problem:connector-disabled");
  EXPECT_TRUE(m_api.requests().empty());

  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  Reply r = post(base + "/request", request);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["status"], 201);
  EXPECT_EQ(r.body["headers"]["x-upstream"], "yes");
  EXPECT_NE(r.body["body"].get<std::string>().find("\"sku\":\"A-1\""), std::string::npos) << r.raw;
  EXPECT_EQ(r.body["body_truncated"], false);
  expect_no_secrets(r.raw);

  ASSERT_EQ(post(base + "/request", request).status, 200);
  EXPECT_EQ(m_tokens_issued.load(), 1) << "the token is cached between requests";
}

TEST_F(OutboundApiTest, AnyChangeToTheConnectorDropsItsToken) {
  json c = create(connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  json request = {{"method", "POST"}, {"path", "/orders"}};
  ASSERT_EQ(post(base + "/request", request).status, 200);
  json edit = connector("ERP renamed");
  edit.erase("status");
  ASSERT_EQ(put(base, edit, {{"If-Match", "*"}}).status, 200);
  ASSERT_EQ(post(base + "/request", request).status, 200);
  EXPECT_EQ(m_tokens_issued.load(), 2);
}

// The server keeps decoded connectors in memory: every change must reach the next request.
TEST_F(OutboundApiTest, RequestsUseTheConnectorAsLastSaved) {
  json c = create(connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  json request = {{"method", "POST"}, {"path", "/orders"}};
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  ASSERT_EQ(post(base + "/request", request).status, 200);

  json edit = connector("ERP");
  edit["headers"] = {{{"name", "X-API-Key"}, {"value", "API-KEY-NEW"}, {"secret", true}}};
  ASSERT_EQ(put(base, edit, {{"If-Match", "*"}}).status, 200);
  ASSERT_EQ(post(base + "/request", request).status, 200);
  auto arrived = m_api.requests();
  ASSERT_EQ(arrived.size(), 2u);
  EXPECT_EQ(arrived[0].get_header_value("X-API-Key"), kApiKey);
  EXPECT_EQ(arrived[1].get_header_value("X-API-Key"), "API-KEY-NEW");

  ASSERT_EQ(post(base + "/disable", json::object()).status, 200);
  EXPECT_EQ(post(base + "/request", request).status, 409);
  ASSERT_EQ(del(base, {{"If-Match", "*"}}).status, 204);
  EXPECT_EQ(post(base + "/request", request).status, 404);
  EXPECT_EQ(m_api.requests().size(), 2u);
}

TEST_F(OutboundApiTest, An401FromTheUpstreamFetchesANewTokenAndRetriesOnce) {
  json c = create(connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  m_reject_next = true;
  Reply r = post(base + "/request", {{"method", "POST"}, {"path", "/orders"}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["status"], 201);
  EXPECT_EQ(m_tokens_issued.load(), 2);
  auto arrived = m_api.requests();
  ASSERT_EQ(arrived.size(), 2u);
  EXPECT_NE(arrived[0].get_header_value("Authorization"),
            arrived[1].get_header_value("Authorization"));
}

// The Basic credentials are base64("hub:S3cr3t-Client-Value"): an echo must not show them.
TEST_F(OutboundApiTest, AnEchoingTokenEndpointShowsNeitherTheSecretNorItsBasicForm) {
  const std::string secret = "S3cr3t-Client-Value";
  const std::string basic = "aHViOlMzY3IzdC1DbGllbnQtVmFsdWU=";
  json body = connector("ERP");
  body["auth"]["token_url"] = m_idp.url("/token-echo");
  body["auth"]["client_secret"] = secret;
  Reply r = post("/api/connectors/test", body);
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["steps"].size(), 1u) << r.raw;
  const std::string description = r.body["steps"][0]["oauth_error_description"];
  EXPECT_NE(description.find("got Authorization: Basic ***"), std::string::npos) << description;
  EXPECT_EQ(r.raw.find(secret), std::string::npos) << r.raw;
  EXPECT_EQ(r.raw.find(basic), std::string::npos) << r.raw;
}

// A caller who has the upstream reflect their path, cut where the preview ends, must not learn
// whether it ends with the start of a secret: a right and a wrong guess give the same preview.
TEST_F(OutboundApiTest, ACutPreviewIsTheSameForARightAndAWrongGuess) {
  json body = no_auth_connector("Echo", m_api.url("/v1"));
  body["headers"] = {{{"name", "X-API-Key"}, {"value", kApiKey}, {"secret", true}}};
  const std::string base = "/api/connectors/" + create(body)["id"].get<std::string>();
  auto test_with_path = [&](const std::string& path) {
    Reply r = post(base + "/test", {{"method", "GET"}, {"path", path}});
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body["steps"][0]["body_truncated"], true) << r.raw;
    return r.body["steps"][0];
  };
  const std::string right_guess = kApiKey.substr(0, 8);
  const std::string wrong_guess = "QWERTYUI";
  const std::string right = test_with_path("/echo/" + right_guess)["body_preview"];
  const std::string wrong = test_with_path("/echo/" + wrong_guess)["body_preview"];
  EXPECT_EQ(right.size(), wrong.size());
  EXPECT_EQ(right.find(right_guess), std::string::npos) << right;
  EXPECT_EQ(wrong.find(wrong_guess), std::string::npos) << wrong;
  EXPECT_EQ(right, wrong);

  // The URL is the caller's own text: shown as written, secret-looking or not.
  EXPECT_EQ(test_with_path("/echo/" + kApiKey)["url"], m_api.url("/v1/echo/" + kApiKey));
}

// Encoded slashes and ";" path parameters must not carry a path above the base URL's path.
TEST_F(OutboundApiTest, RequestPathsThatClimbAreRefused) {
  json c = create(connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  for (const char* path : {"/..%2fadmin", "/..%2Fadmin", "/a/..;/admin", "/a/%2e%2e;x/admin"}) {
    Reply r = post(base + "/request", {{"method", "GET"}, {"path", path}});
    EXPECT_EQ(r.status, 422) << path << ": " << r.raw;
    ASSERT_TRUE(r.body.contains("errors")) << r.raw;
    EXPECT_EQ(r.body["errors"][0]["field"], "path") << r.raw;
  }
  EXPECT_TRUE(m_api.requests().empty());
  EXPECT_EQ(m_tokens_issued.load(), 0);
}

TEST_F(OutboundApiTest, RequestToAMissingConnectorIs404) {
  EXPECT_EQ(post("/api/connectors/c_nope/request", {{"method", "GET"}, {"path", "/health"}}).status,
            404);
  EXPECT_EQ(post("/api/connectors/c_nope/test", json::object()).status, 404);
}

// Without --allow-private-networks, loopback destinations are refused.
class GuardedApiTest : public ApiTest {};

TEST_F(GuardedApiTest, LoopbackDestinationsAreRefusedWithoutTheFlag) {
  LocalPeer api;
  api.server().Get("/", [&api](const httplib::Request& req, httplib::Response& res) {
    api.record(req);
    res.set_content("reached", "text/plain");
  });
  api.start();
  json body = no_auth_connector("Local", api.url("/"));
  body["status"] = "active";
  json c = create(body);
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  Reply r = post(base + "/request", {{"method", "GET"}, {"path", ""}});
  EXPECT_EQ(r.status, 403) << r.raw;
  EXPECT_EQ(r.body["type"], "urn:datahub:problem:destination-not-allowed");
  Reply t = post(base + "/test", json::object());
  ASSERT_EQ(t.status, 200) << t.raw;
  EXPECT_EQ(t.body["ok"], false);
  EXPECT_TRUE(api.requests().empty()) << "nothing may reach the refused destination";
}

}  // namespace
}  // namespace datahub::testing
