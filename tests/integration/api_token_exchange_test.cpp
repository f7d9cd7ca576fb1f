// Refresh tokens and the token step of a test result, end to end (docs/API.md, "More
// authentication methods"): a real server, a token endpoint written here that issues, rotates
// and refuses refresh tokens and counts every call, and an upstream that records the access
// token that arrived.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "local_peer.h"
#include "server_process.h"

namespace datahub::testing {
namespace {

const std::string kSecret = "SECRET-refresh-5b1e";
const std::string kPassword = "PASSWORD-refresh-77aa";
const std::string kRefreshPrefix = "RT-SENTINEL-";
const std::string kAccessPrefix = "AT-";
const std::string kBasicForm = "aHViOlNFQ1JFVC1yZWZyZXNoLTViMWU=";  // base64("hub:" kSecret)
const std::string kIdpCookie = "idp_session=COOKIE-SENTINEL-9f3a";

class RefreshTokenApiTest : public ApiTest {
 protected:
  void SetUp() override {
    m_idp.server().Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
      answer_token_request(req, res);
    });
    m_idp.start();
    m_api.server().Get("/v1/ping", [this](const httplib::Request& req, httplib::Response& res) {
      m_api.record(req);
      res.set_content("pong", "text/plain");
    });
    m_api.start();
    ServerConfig config;
    // 64 outbound slots: the 50 concurrent calls below all get one.
    config.extra_args = {"--allow-private-networks", "--workers", "128"};
    start(config);
  }
  void TearDown() override {
    m_client.reset();
    m_server.reset();
  }

  // The token endpoint. The configured grant must authenticate the client; a refresh must
  // present the latest refresh token issued (and the same client authentication), else
  // invalid_grant. Every answer carries a refresh token unless `m_rotate` is off for a refresh.
  void answer_token_request(const httplib::Request& req, httplib::Response& res) {
    httplib::Params params;
    httplib::detail::parse_query_text(req.body, params);
    auto param = [&](const std::string& name) {
      auto it = params.find(name);
      return it == params.end() ? std::string() : it->second;
    };
    const std::string grant = param("grant_type");
    std::unique_lock lock(m_mutex);
    ++m_calls[grant];
    m_refresh_auth.push_back(grant == "refresh_token" ? client_auth_of(req, param) : "");
    const bool refresh = grant == "refresh_token";
    bool accepted = client_auth_of(req, param) == kSecret;
    if (refresh) accepted = accepted && !m_refuse_refresh && param("refresh_token") == m_current;
    if (!refresh) accepted = accepted && !m_refuse_grant && grant == m_grant;
    if (grant == "password") accepted = accepted && param("password") == kPassword;
    if (!accepted) {
      res.status = 400;
      res.set_content(R"({"error":"invalid_grant","error_description":"refused"})",
                      "application/json");
      return;
    }
    json body = {{"access_token", kAccessPrefix + std::to_string(++m_issued)},
                 {"token_type", "Bearer"},
                 {"expires_in", refresh ? m_refreshed_lifetime : m_first_lifetime}};
    if (!refresh || m_rotate) {
      m_current = kRefreshPrefix + std::to_string(m_issued);
      body["refresh_token"] = m_current;
    }
    m_presented.push_back(param("refresh_token"));
    const int delay = refresh ? m_refresh_delay_ms : 0;
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    // The provider's own session cookie, which the token step must not show.
    res.set_header("Set-Cookie", std::string(kIdpCookie) + "; Path=/; HttpOnly");
    res.set_content(body.dump(), "application/json");
  }

  // The client secret as it arrived, by Basic or in the body.
  template <class Param>
  static std::string client_auth_of(const httplib::Request& req, const Param& param) {
    const std::string basic = req.get_header_value("Authorization");
    if (!basic.empty()) return basic == "Basic " + kBasicForm ? kSecret : "bad basic";
    return param("client_id") == "hub" ? param("client_secret") : "no client";
  }

  json auth(const std::string& grant, const std::string& client_auth) {
    m_grant = grant;
    json a = {
        {"method", "oauth2"}, {"grant_type", grant},      {"token_url", m_idp.url("/token")},
        {"client_id", "hub"}, {"client_secret", kSecret}, {"client_authentication", client_auth}};
    if (grant == "password") {
      a["username"] = "svc";
      a["password"] = kPassword;
    }
    return a;
  }

  json connector(const json& auth, const std::string& name = "ERP") {
    return {{"type", "api"}, {"name", name}, {"base_url", m_api.url("/v1")}, {"auth", auth}};
  }

  // An active connector to the upstream; returns its /request path.
  std::string active(const json& auth) {
    json c = create(connector(auth));
    m_id = c["id"];
    EXPECT_EQ(post("/api/connectors/" + m_id + "/activate", json::object()).status, 200);
    return "/api/connectors/" + m_id + "/request";
  }

  Reply ping(const std::string& path) {
    Reply r = post(path, {{"method", "GET"}, {"path", "/ping"}});
    expect_no_refresh_token(r.raw);
    return r;
  }

  // The access token each upstream call carried.
  std::vector<std::string> bearers() {
    std::vector<std::string> out;
    for (const auto& req : m_api.requests()) out.push_back(req.get_header_value("Authorization"));
    return out;
  }

  int calls(const std::string& grant) {
    std::lock_guard lock(m_mutex);
    return m_calls[grant];
  }

  // invalid_grant on the refresh: the configured grant once, whose refresh token is used next.
  void expect_fall_back(const std::string& path, const std::string& grant) {
    ASSERT_EQ(ping(path).status, 200);
    m_refuse_refresh = true;
    Reply r = ping(path);
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(calls(grant), 2);
    EXPECT_EQ(calls("refresh_token"), 1);
    m_refuse_refresh = false;
    ASSERT_EQ(ping(path).status, 200);
    EXPECT_EQ(calls("refresh_token"), 2) << "the refresh token of the fall-back is used next";
  }

  static void expect_no_refresh_token(const std::string& text) {
    EXPECT_EQ(text.find(kRefreshPrefix), std::string::npos) << "a refresh token in " << text;
  }
  // Nowhere the server writes: its answers about the connector, its history, metrics, log.
  void expect_refresh_tokens_nowhere() {
    expect_no_refresh_token(get("/api/connectors/" + m_id).raw);
    expect_no_refresh_token(get("/api/connectors/" + m_id + "/history").raw);
    expect_no_refresh_token(get("/api/connectors").raw);
    expect_no_refresh_token(get("/api/metrics").raw);
    expect_no_refresh_token(m_server->output());
  }

  LocalPeer m_idp;
  LocalPeer m_api;
  std::string m_id;
  std::mutex m_mutex;
  std::map<std::string, int> m_calls;
  std::vector<std::string> m_presented;     // the refresh_token parameter of each call
  std::vector<std::string> m_refresh_auth;  // the client secret each refresh authenticated with
  std::string m_grant;
  std::string m_current;  // the refresh token the endpoint accepts now
  int m_issued = 0;
  int m_first_lifetime = 30;  // within the 30 s margin: the next call renews at once
  int m_refreshed_lifetime = 30;
  int m_refresh_delay_ms = 0;
  bool m_rotate = true;
  std::atomic<bool> m_refuse_refresh{false};
  std::atomic<bool> m_refuse_grant{false};
};

TEST_F(RefreshTokenApiTest, RenewsWithTheLatestRotatedRefreshTokenBeforeExpiry) {
  const std::string path = active(auth("client_credentials", "basic"));
  for (int i = 0; i < 4; ++i) ASSERT_EQ(ping(path).status, 200);
  EXPECT_EQ(calls("client_credentials"), 1);
  EXPECT_EQ(calls("refresh_token"), 3);
  EXPECT_EQ(m_presented, (std::vector<std::string>{"", kRefreshPrefix + "1", kRefreshPrefix + "2",
                                                   kRefreshPrefix + "3"}))
      << "each refresh presents the token the last answer rotated in";
  EXPECT_EQ(m_refresh_auth[1], kSecret) << "a refresh authenticates the client by Basic too";
  EXPECT_EQ(bearers(),
            (std::vector<std::string>{"Bearer AT-1", "Bearer AT-2", "Bearer AT-3", "Bearer AT-4"}));
  expect_refresh_tokens_nowhere();
}

TEST_F(RefreshTokenApiTest, AnAnswerWithoutARefreshTokenKeepsTheOld) {
  const std::string path = active(auth("client_credentials", "body"));
  m_rotate = false;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(ping(path).status, 200);
  EXPECT_EQ(m_presented,
            (std::vector<std::string>{"", kRefreshPrefix + "1", kRefreshPrefix + "1"}));
  EXPECT_EQ(m_refresh_auth[1], kSecret) << "a refresh authenticates the client in the body too";
}

TEST_F(RefreshTokenApiTest, AFreshTokenIsReusedAndNotRefreshed) {
  m_first_lifetime = 3600;
  const std::string path = active(auth("client_credentials", "basic"));
  for (int i = 0; i < 3; ++i) ASSERT_EQ(ping(path).status, 200);
  EXPECT_EQ(calls("client_credentials"), 1);
  EXPECT_EQ(calls("refresh_token"), 0);
}

TEST_F(RefreshTokenApiTest, InvalidGrantFallsBackOnceToClientCredentials) {
  const std::string path = active(auth("client_credentials", "basic"));
  expect_fall_back(path, "client_credentials");
  EXPECT_EQ(m_presented.back(), kRefreshPrefix + "2") << "the fall-back's refresh token";
  EXPECT_EQ(bearers(), (std::vector<std::string>{"Bearer AT-1", "Bearer AT-2", "Bearer AT-3"}));
  expect_refresh_tokens_nowhere();
}

TEST_F(RefreshTokenApiTest, InvalidGrantFallsBackOnceToThePasswordGrant) {
  const std::string path = active(auth("password", "body"));
  expect_fall_back(path, "password");
  EXPECT_EQ(bearers().size(), 3u);
  expect_refresh_tokens_nowhere();
  EXPECT_EQ(m_server->output().find(kPassword), std::string::npos);
}

TEST_F(RefreshTokenApiTest, TheFallBackIsTriedOnlyOnce) {
  const std::string path = active(auth("client_credentials", "basic"));
  ASSERT_EQ(ping(path).status, 200);
  m_refuse_refresh = true;
  m_refuse_grant = true;
  Reply r = ping(path);
  EXPECT_EQ(r.status, 502) << r.raw;
  EXPECT_EQ(r.body["oauth_error"], "invalid_grant") << r.raw;
  EXPECT_EQ(calls("refresh_token"), 1);
  EXPECT_EQ(calls("client_credentials"), 2);
  m_refuse_refresh = false;
  m_refuse_grant = false;
  ASSERT_EQ(ping(path).status, 200);
  EXPECT_EQ(calls("refresh_token"), 1) << "the refused refresh token was dropped";
  EXPECT_EQ(calls("client_credentials"), 3);
}

TEST_F(RefreshTokenApiTest, AnyChangeOfTheConnectorDropsTheRefreshToken) {
  const std::string path = active(auth("client_credentials", "basic"));
  ASSERT_EQ(ping(path).status, 200);
  Reply p = put("/api/connectors/" + m_id, connector(auth("client_credentials", "basic"), "ERP 2"),
                {{"If-Match", "*"}});
  ASSERT_EQ(p.status, 200) << p.raw;
  ASSERT_EQ(ping(path).status, 200);
  EXPECT_EQ(calls("client_credentials"), 2);
  EXPECT_EQ(calls("refresh_token"), 0);
}

TEST_F(RefreshTokenApiTest, FiftyConcurrentRequestsAcrossARefreshMakeOneTokenCall) {
  m_refreshed_lifetime = 3600;
  m_refresh_delay_ms = 300;  // the calls arrive while the refresh is under way
  const std::string path = active(auth("client_credentials", "basic"));
  ASSERT_EQ(ping(path).status, 200);  // a token within the margin, and a refresh token
  std::vector<std::thread> callers;
  std::atomic<int> ok{0};
  std::mutex replies_mutex;
  std::vector<std::string> replies;
  for (int i = 0; i < 50; ++i) {
    callers.emplace_back([&] {
      httplib::Client client("127.0.0.1", m_server->port());
      client.set_read_timeout(std::chrono::seconds(20));
      auto res = client.Post(path, {{"Authorization", "Bearer " + ServerProcess::admin_token()}},
                             R"({"method":"GET","path":"/ping"})", "application/json");
      if (res && res->status == 200) ++ok;
      std::lock_guard lock(replies_mutex);
      replies.push_back(res ? res->body : "no answer");
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(ok, 50);
  for (const auto& reply : replies) expect_no_refresh_token(reply);
  EXPECT_EQ(calls("refresh_token"), 1) << "one token endpoint call for the 50";
  EXPECT_EQ(calls("client_credentials"), 1);
  auto seen = bearers();
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "Bearer AT-2"), 50);
}

// The token step of /test: the grant and the exchange, every secret and token as "***".
class TokenInspectorApiTest : public RefreshTokenApiTest {
 protected:
  json token_step(const json& auth) {
    json c = connector(auth);
    c["test"] = {{"method", "GET"}, {"path", "/ping"}};
    Reply t = post("/api/connectors/test", c);
    EXPECT_EQ(t.status, 200) << t.raw;
    for (const std::string& secret :
         {kSecret, kPassword, kRefreshPrefix, kAccessPrefix, kBasicForm, kIdpCookie})
      EXPECT_EQ(t.raw.find(secret), std::string::npos) << secret << " leaked in " << t.raw;
    return t.body["steps"][0];
  }
  json expected_response() const {
    return {
        {"status", 200},
        {"headers", {{"content-type", "application/json"}, {"set-cookie", "***"}}},
        {"body_preview",
         R"({"access_token":"***","expires_in":30,"refresh_token":"***","token_type":"Bearer"})"}};
  }
};

TEST_F(TokenInspectorApiTest, PasswordGrantWithBasicClientAuthentication) {
  json step = token_step(auth("password", "basic"));
  EXPECT_EQ(step["grant"], "password") << step;
  EXPECT_EQ(step["request"], json({{"method", "POST"},
                                   {"url", m_idp.url("/token")},
                                   {"headers",
                                    {{"accept", "application/json"},
                                     {"authorization", "***"},
                                     {"content-type", "application/x-www-form-urlencoded"}}},
                                   {"body", "grant_type=password&username=svc&password=***"}}))
      << step;
  EXPECT_EQ(step["response"], expected_response()) << step;
}

TEST_F(TokenInspectorApiTest, PasswordGrantWithClientAuthenticationInTheBody) {
  json step = token_step(auth("password", "body"));
  EXPECT_EQ(step["grant"], "password") << step;
  EXPECT_EQ(
      step["request"],
      json({{"method", "POST"},
            {"url", m_idp.url("/token")},
            {"headers",
             {{"accept", "application/json"},
              {"content-type", "application/x-www-form-urlencoded"}}},
            {"body",
             "grant_type=password&username=svc&password=***&client_id=hub&client_secret=***"}}))
      << step;
  EXPECT_EQ(step["response"], expected_response()) << step;
}

TEST_F(TokenInspectorApiTest, AnIdpErrorKeepsItsCodeAndShowsTheAnswer) {
  m_refuse_grant = true;
  json step = token_step(auth("client_credentials", "basic"));
  EXPECT_EQ(step["ok"], false) << step;
  EXPECT_EQ(step["grant"], "client_credentials") << step;
  EXPECT_EQ(step["oauth_error"], "invalid_grant") << step;
  EXPECT_EQ(step["oauth_error_description"], "refused") << step;
  EXPECT_EQ(step["response"]["status"], 400) << step;
  EXPECT_EQ(step["response"]["body_preview"],
            R"({"error":"invalid_grant","error_description":"refused"})")
      << step;
}

}  // namespace
}  // namespace datahub::testing
