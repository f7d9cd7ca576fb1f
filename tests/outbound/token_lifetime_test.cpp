// token_field / expires_field and the lifetime's fall-backs (JWT exp, default_lifetime_s),
// against token endpoints written here, on loopback.
#include <atomic>
#include <ctime>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "outbound/base64url.h"
#include "outbound/connector_client.h"
#include "outbound/oauth2_client.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using nlohmann::json;
using outbound_test::LocalServer;

// An unsigned JWT whose payload says exp = now + `seconds` (only the lifetime is read from it).
std::string jwt_expiring_in(long seconds) {
  const json claims = {{"sub", "hub"}, {"exp", std::time(nullptr) + seconds}};
  return base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(claims.dump()) + ".sig";
}

class TokenLifetime : public ::testing::Test {
 protected:
  void SetUp() override {
    auto answer = [](const std::string& body) {
      return [body](const httplib::Request&, httplib::Response& res) {
        res.set_content(body, "application/json");
      };
    };
    idp.server().Post("/nested", answer(R"({"data":{"token":"nested-1","ttl":"120"}})"));
    idp.server().Post("/nested-number", answer(R"({"data":{"token":"nested-2","ttl":45}})"));
    idp.server().Post("/jwt", answer(json{{"access_token", jwt}}.dump()));
    idp.server().Post("/jwt-and-field",
                      answer(json{{"access_token", jwt}, {"expires_in", 300}}.dump()));
    idp.server().Post("/bare", answer(R"({"access_token":"plain-token"})"));
    idp.start();
  }

  OAuth2Settings settings(const std::string& path) const {
    OAuth2Settings s;
    s.token_url = idp.url(path);
    s.client_id = "hub";
    s.client_secret.value = "hub-secret-1";
    return s;
  }

  Result<AccessToken> fetch(const OAuth2Settings& s) { return client.fetch(s, 5000).token; }

  std::string jwt = jwt_expiring_in(900);
  LocalServer idp;
  OutboundHttp http{OutboundPolicy{true, {}, {}, {}, {}}};
  OAuth2Client client{http};
};

TEST_F(TokenLifetime, TokenAndLifetimeFromNestedFields) {
  auto s = settings("/nested");
  s.token_field = "/data/token";
  s.expires_field = "/data/ttl";
  auto token = fetch(s);
  ASSERT_TRUE(token) << token.problem().detail;
  EXPECT_EQ(token->value, "nested-1");
  EXPECT_EQ(token->expires_in.count(), 120);  // a numeric string
  s.token_url = idp.url("/nested-number");
  token = fetch(s);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->value, "nested-2");
  EXPECT_EQ(token->expires_in.count(), 45);
}

TEST_F(TokenLifetime, TheDefaultFieldsDoNotFindANestedToken) {
  auto token = fetch(settings("/nested"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.problem().type, ProblemType::TokenError);
  EXPECT_NE(token.problem().detail.find("/access_token"), std::string::npos);
}

TEST_F(TokenLifetime, AJwtTellsItsLifetimeWhenTheResponseDoesNot) {
  auto token = fetch(settings("/jwt"));
  ASSERT_TRUE(token) << token.problem().detail;
  EXPECT_GE(token->expires_in.count(), 895);
  EXPECT_LE(token->expires_in.count(), 900);
  token = fetch(settings("/jwt-and-field"));  // the response's field wins over the JWT
  ASSERT_TRUE(token);
  EXPECT_EQ(token->expires_in.count(), 300);
}

TEST_F(TokenLifetime, NoLifetimeAnywhereTakesTheDefault) {
  auto s = settings("/bare");
  s.default_lifetime_s = 42;
  auto token = fetch(s);
  ASSERT_TRUE(token) << token.problem().detail;
  EXPECT_EQ(token->value, "plain-token");
  EXPECT_EQ(token->expires_in.count(), 42);
  EXPECT_EQ(fetch(settings("/bare"))->expires_in.count(), 3600);
}

// A cached token with 30 s or less to live is not reused, whatever told its lifetime.
TEST_F(TokenLifetime, AShortLifetimeFromAnySourceIsNotReused) {
  std::atomic<int> calls{0};
  LocalServer short_idp;
  short_idp.server().Post("/jwt", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.set_content(json{{"access_token", jwt_expiring_in(20)}}.dump(), "application/json");
  });
  short_idp.server().Post("/field", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.set_content(R"({"data":{"token":"short","ttl":"30"}})", "application/json");
  });
  short_idp.start();
  LocalServer api;
  api.server().Get("/v1/x", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  api.start();
  ConnectorClient connectors{OutboundPolicy{true, {}, {}, {}, {}}};
  for (const char* path : {"/jwt", "/field"}) {
    calls = 0;
    Connector c;
    c.id = std::string("c_short") + path;
    c.version = 1;
    c.base_url = api.url("/v1");
    c.auth.method = AuthMethod::OAuth2;
    c.auth.oauth2 = settings("/");
    c.auth.oauth2.token_url = short_idp.url(path);
    c.auth.oauth2.token_field = "/data/token";
    if (std::string(path) == "/jwt") c.auth.oauth2.token_field = "/access_token";
    c.auth.oauth2.expires_field = "/data/ttl";
    ProxyRequest request;
    request.path = "/x";
    for (int i = 0; i < 3; ++i) {
      auto response = connectors.request(c, request);
      ASSERT_TRUE(response) << response.problem().detail;
      EXPECT_EQ(response->status, 200);
    }
    EXPECT_EQ(calls.load(), 3) << path;
  }
}

}  // namespace
}  // namespace datahub::outbound
