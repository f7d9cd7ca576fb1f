// Both grants against a real OAuth2 server: the npm oauth2-mock-server, started with node.
// (It reads only form bodies and does not check secrets; the strict endpoint covers those.)
#include <gtest/gtest.h>

#include "outbound/connector_client.h"
#include "outbound/oauth2_client.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using outbound_test::ChildServer;

class OAuth2MockServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_server = new ChildServer(
        {"node", outbound_test::source_dir() + "/tests/outbound/oauth2_mock_server.mjs"});
  }
  static void TearDownTestSuite() {
    delete s_server;
    s_server = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(s_server->ok()) << "oauth2-mock-server did not start"; }

  OAuth2Settings settings(GrantType grant, ClientAuthentication auth) const {
    OAuth2Settings s;
    s.grant_type = grant;
    s.client_authentication = auth;
    s.token_url = s_server->url("/token");
    s.client_id = "hub";
    s.client_secret.value = "hub-secret";
    s.username = "svc-hub";
    s.password.value = "pw";
    s.scope = "read write";
    return s;
  }

  static ChildServer* s_server;
  OutboundHttp http{OutboundPolicy{true, {}, {}, {}, {}}};
  OAuth2Client client{http};
};

ChildServer* OAuth2MockServer::s_server = nullptr;

// A JWT: three base64url parts.
bool looks_like_jwt(const std::string& token) {
  return std::count(token.begin(), token.end(), '.') == 2 && token.size() > 20;
}

TEST_F(OAuth2MockServer, ClientCredentialsGrant) {
  for (auto auth : {ClientAuthentication::Basic, ClientAuthentication::Body}) {
    auto exchange = client.fetch(settings(GrantType::ClientCredentials, auth), 5000);
    ASSERT_TRUE(exchange.token.ok()) << exchange.token.problem().detail;
    EXPECT_TRUE(looks_like_jwt(exchange.token->value));
    EXPECT_EQ(exchange.token->scope, "read write");
    EXPECT_GT(exchange.token->expires_in.count(), 0);
  }
}

TEST_F(OAuth2MockServer, PasswordGrant) {
  for (auto auth : {ClientAuthentication::Basic, ClientAuthentication::Body}) {
    auto exchange = client.fetch(settings(GrantType::Password, auth), 5000);
    ASSERT_TRUE(exchange.token.ok()) << exchange.token.problem().detail;
    EXPECT_TRUE(looks_like_jwt(exchange.token->value));
  }
}

TEST_F(OAuth2MockServer, ConnectorTestAgainstTheMockServersOwnEndpoint) {
  Connector c;
  c.id = "c_mock";
  c.base_url = s_server->url("/.well-known");
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2 = settings(GrantType::ClientCredentials, ClientAuthentication::Basic);
  ConnectorClient connectors{OutboundPolicy{true, {}, {}, {}, {}}};
  auto result = to_json(connectors.test(c, "GET", "/openid-configuration"));
  EXPECT_TRUE(result["ok"].get<bool>()) << result.dump(2);
  ASSERT_EQ(result["steps"].size(), 2u);
  EXPECT_EQ(result["steps"][1]["status"], 200);
  EXPECT_NE(result["steps"][1]["body_preview"].get<std::string>().find("token_endpoint"),
            std::string::npos);
}

}  // namespace
}  // namespace datahub::outbound
