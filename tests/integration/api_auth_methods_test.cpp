// The static authentication methods end to end (docs/API.md, "More authentication methods"): a
// real server, an upstream on loopback that records exactly which credentials arrived, the
// origin rule, encryption at rest and export.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "local_peer.h"

namespace datahub::testing {
namespace {

const std::string kKey = "API-KEY-7f3e&=+ key";  // needs percent-encoding in a query
const std::string kPassword = "PASSWORD-c0ffee";
const std::string kToken = "TOKEN-b64-9d2a.x_y~z+/=";
const std::string kBasicForm = "c3ZjLWh1YjpQQVNTV09SRC1jMGZmZWU=";  // base64("svc-hub:" kPassword)

class AuthMethodsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    for (const char* path : {"/v1/health", R"(/v1/items.*)"}) {
      m_api.server().Get(path, [this](const httplib::Request& req, httplib::Response& res) {
        m_api.record(req);
        // Echoes the credentials it got, as a careless upstream would.
        res.set_content("auth=" + req.get_header_value("Authorization") +
                            " key=" + req.get_header_value("X-API-Key") + " target=" + req.target,
                        "text/plain");
      });
    }
    m_api.start();
    start_reaching_loopback();
  }
  void TearDown() override {
    m_client.reset();
    m_server.reset();
  }

  json connector(const std::string& name, const json& auth) {
    return {{"type", "api"}, {"name", name}, {"base_url", m_api.url("/v1")}, {"auth", auth}};
  }
  static json api_key_header() {
    return {{"method", "api_key"}, {"name", "X-API-Key"}, {"in", "header"}, {"value", kKey}};
  }
  static json api_key_query() {
    return {{"method", "api_key"}, {"name", "api key"}, {"in", "query"}, {"value", kKey}};
  }
  static json basic() {
    return {{"method", "basic"}, {"username", "svc-hub"}, {"password", kPassword}};
  }
  static json bearer() { return {{"method", "bearer"}, {"token", kToken}}; }

  // Runs /test and then /request (activated) against the upstream; returns what arrived.
  std::vector<httplib::Request> test_and_request(const json& auth) {
    json c = create(connector("ERP", auth));
    const std::string base = "/api/connectors/" + c["id"].get<std::string>();
    Reply t = post(base + "/test", {{"method", "GET"}, {"path", "/health"}});
    EXPECT_EQ(t.status, 200) << t.raw;
    EXPECT_EQ(t.body["ok"], true) << t.raw;
    EXPECT_EQ(t.body["steps"].size(), 1u) << "no token step: " << t.raw;
    expect_no_secrets(t.raw);
    EXPECT_EQ(post(base + "/activate", json::object()).status, 200);
    Reply r = post(base + "/request",
                   {{"method", "GET"}, {"path", "/items"}, {"query", {{"page", "2"}}}});
    EXPECT_EQ(r.status, 200) << r.raw;
    expect_no_secrets(r.raw);
    expect_no_secrets(get(base + "/history").raw);
    auto arrived = m_api.requests();
    EXPECT_EQ(arrived.size(), 2u);
    return arrived;
  }

  static void expect_no_secrets(const std::string& text) {
    for (const std::string& s :
         {kKey, kPassword, kToken, kBasicForm, std::string("API-KEY-7f3e%26%3D%2B%20key")}) {
      EXPECT_EQ(text.find(s), std::string::npos) << s << " leaked in " << text;
    }
  }

  LocalPeer m_api;
};

TEST_F(AuthMethodsApiTest, AnApiKeyHeaderArrivesOnTestAndRequest) {
  for (const auto& req : test_and_request(api_key_header())) {
    EXPECT_EQ(req.get_header_value("X-API-Key"), kKey);
    EXPECT_FALSE(req.has_header("Authorization"));
  }
}

TEST_F(AuthMethodsApiTest, AnApiKeyInTheQueryIsPercentEncodedAndShownMasked) {
  const auto arrived = test_and_request(api_key_query());
  for (const auto& req : arrived) {
    EXPECT_EQ(req.get_param_value("api key"), kKey) << req.target;
    EXPECT_FALSE(req.has_header("X-API-Key"));
    EXPECT_NE(req.target.find("api%20key=API-KEY-7f3e%26%3D%2B%20key"), std::string::npos)
        << req.target;
  }
  EXPECT_EQ(arrived[1].get_param_value("page"), "2") << "the caller's query stays";
  // The test result shows where it went, the key masked.
  json unsaved = connector("Unsaved", api_key_query());
  unsaved["test"] = {{"method", "GET"}, {"path", "/health"}};
  Reply t = post("/api/connectors/test", unsaved);
  ASSERT_EQ(t.status, 200) << t.raw;
  EXPECT_EQ(t.body["steps"][0]["url"], m_api.url("/v1/health") + "?api%20key=***") << t.raw;
}

TEST_F(AuthMethodsApiTest, BasicSendsTheRfc7617Credentials) {
  for (const auto& req : test_and_request(basic()))
    EXPECT_EQ(req.get_header_value("Authorization"), "Basic " + kBasicForm);
}

TEST_F(AuthMethodsApiTest, BearerSendsTheStaticToken) {
  for (const auto& req : test_and_request(bearer()))
    EXPECT_EQ(req.get_header_value("Authorization"), "Bearer " + kToken);
}

TEST_F(AuthMethodsApiTest, BadCredentialsAre422UnderTheirField) {
  json colon = basic();
  colon["username"] = "svc:hub";
  Reply r = post("/api/connectors", connector("A", colon));
  ASSERT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.body["errors"][0]["field"], "auth.username") << r.raw;
  Reply t =
      post("/api/connectors", connector("B", {{"method", "bearer"}, {"token", "not a token"}}));
  ASSERT_EQ(t.status, 422) << t.raw;
  EXPECT_EQ(t.body["errors"][0]["field"], "auth.token") << t.raw;
  json owned = connector("C", bearer());
  owned["headers"] = {{{"name", "Authorization"}, {"value", "Bearer other"}, {"secret", false}}};
  Reply h = post("/api/connectors", owned);
  ASSERT_EQ(h.status, 422) << h.raw;
  EXPECT_EQ(h.body["errors"][0]["field"], "headers[0].name") << h.raw;
  json named = connector("D", api_key_header());
  named["headers"] = {{{"name", "x-api-key"}, {"value", "other"}, {"secret", false}}};
  EXPECT_EQ(post("/api/connectors", named).status, 422);
}

TEST_F(AuthMethodsApiTest, ACallerCannotSendTheHeaderTheMethodOwns) {
  json c = create(connector("ERP", bearer()));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  Reply r = post(
      base + "/request",
      {{"method", "GET"}, {"path", "/items"}, {"headers", {{"Authorization", "Bearer mine"}}}});
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_TRUE(m_api.requests().empty());
}

// The query key cannot come twice either: not in the path's own query (encoded or not), nor in
// the base URL's. An upstream that reads the first would take the caller's key.
TEST_F(AuthMethodsApiTest, ACallerCannotSendTheQueryKeyInThePathOrTheBaseUrl) {
  json c = create(connector("ERP", api_key_query()));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  for (const char* path : {"/items?api+key=mine", "/items?x=1&api%20key=mine"}) {
    Reply r = post(base + "/request", {{"method", "GET"}, {"path", path}});
    EXPECT_EQ(r.status, 422) << path << r.raw;
    EXPECT_EQ(r.body["errors"][0]["field"], "path") << r.raw;
  }
  json keyed = connector("ERP keyed", api_key_query());
  keyed["base_url"] = m_api.url("/v1?api%20key=public");
  json k = create(keyed);
  Reply r = post("/api/connectors/" + k["id"].get<std::string>() + "/test", json::object());
  EXPECT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["ok"], false) << r.raw;
  EXPECT_TRUE(m_api.requests().empty()) << "nothing was sent";
  EXPECT_EQ(post(base + "/request", {{"method", "GET"}, {"path", "/items?api_key=x"}}).status, 200)
      << "another name is the caller's own";
}

TEST_F(AuthMethodsApiTest, MovingToAnotherOriginNeedsTheSecretAgain) {
  for (const json& auth : {api_key_header(), basic(), bearer()}) {
    const std::string name = "ERP " + auth["method"].get<std::string>();
    json c = create(connector(name, auth));
    const std::string path = "/api/connectors/" + c["id"].get<std::string>();
    json moved = connector(name, auth);
    for (const char* secret : {"value", "password", "token"}) moved["auth"].erase(secret);
    moved["base_url"] = "http://localhost:1/v1";
    Reply r = put(path, moved, {{"If-Match", "\"1\""}});
    ASSERT_EQ(r.status, 422) << r.raw;
    EXPECT_EQ(r.body["errors"][0]["message"],
              "must be entered again: the base URL now points to another server")
        << r.raw;
    json same_origin = moved;
    same_origin["base_url"] = m_api.url("/v2");  // same origin: kept
    Reply kept = put(path, same_origin, {{"If-Match", "\"1\""}});
    ASSERT_EQ(kept.status, 200) << kept.raw;
    EXPECT_EQ(kept.body["auth"][auth.contains("token")   ? "token_set"
                                : auth.contains("value") ? "value_set"
                                                         : "password_set"],
              true)
        << kept.raw;
    moved["auth"] = auth;  // sent again: accepted
    EXPECT_EQ(put(path, moved, {{"If-Match", "\"2\""}}).status, 200);
  }
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(AuthMethodsApiTest, TheSecretsAreSealedAtRestAndInExports) {
  create(connector("A", api_key_query()));
  create(connector("B", basic()));
  create(connector("C", bearer()));
  Reply plain = post("/api/connectors/export", json::object());
  ASSERT_EQ(plain.status, 200) << plain.raw;
  expect_no_secrets(plain.raw);
  Reply sealed = post("/api/connectors/export", {{"passphrase", "correct horse battery staple"}});
  ASSERT_EQ(sealed.status, 200) << sealed.raw;
  expect_no_secrets(sealed.raw);
  for (const auto& c : sealed.body["connectors"])
    EXPECT_TRUE(c.contains("sealed_secrets")) << c.dump();

  // Imported under the passphrase, each comes back with its secret set.
  const json saved = get("/api/connectors").body["items"];
  ASSERT_EQ(saved.size(), 3u);
  for (const auto& c : saved)
    ASSERT_EQ(del("/api/connectors/" + c["id"].get<std::string>(), {{"If-Match", "*"}}).status,
              204);
  Reply back = post("/api/connectors/import",
                    {{"document", sealed.body}, {"passphrase", "correct horse battery staple"}});
  ASSERT_EQ(back.status, 200) << back.raw;
  EXPECT_EQ(back.body["created"].size(), 3u) << back.raw;
  const json imported = get("/api/connectors").body["items"];
  ASSERT_EQ(imported.size(), 3u);
  for (const auto& c : imported) {
    const auto& auth = c["auth"];
    EXPECT_TRUE(auth.value("value_set", false) || auth.value("password_set", false) ||
                auth.value("token_set", false))
        << c.dump();
  }

  ASSERT_EQ(m_server->stop(), 0);
  expect_no_secrets(m_server->output());
  const std::string raw = read_all(m_config.data_dir + "/data.mdb");
  ASSERT_FALSE(raw.empty());
  expect_no_secrets(raw);
}

}  // namespace
}  // namespace datahub::testing
