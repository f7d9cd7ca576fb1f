// The OAuth2 client against a strict in-test token endpoint: both grants, both client
// authentications, both body formats, and token endpoints that misbehave.
#include <gtest/gtest.h>

#include <tuple>

#include "outbound/oauth2_client.h"
#include "strict_token_endpoint.h"

namespace datahub::outbound {
namespace {

using outbound_test::StrictTokenEndpoint;

OAuth2Settings settings_for(const StrictTokenEndpoint& idp, const std::string& path = "/token") {
  OAuth2Settings s;
  s.token_url = idp.server.url(path);
  s.client_id = idp.client_id;
  s.client_secret.value = idp.client_secret;
  s.username = idp.username;
  s.password.value = idp.password;
  return s;
}

class StrictEndpoint : public ::testing::TestWithParam<
                           std::tuple<GrantType, ClientAuthentication, TokenRequestFormat>> {
 protected:
  StrictTokenEndpoint idp;
  OutboundHttp http{OutboundPolicy{true, {}, {}, {}, {}}};
  OAuth2Client client{http};
};

TEST_P(StrictEndpoint, GetsATokenWithEveryCombination) {
  auto [grant, auth, format] = GetParam();
  auto s = settings_for(idp);
  s.grant_type = grant;
  s.client_authentication = auth;
  s.token_request_format = format;
  s.scope = "read write";
  s.audience = "https://api.example/";
  s.extra_params = {{"tenant", "acme & co"}};
  auto exchange = client.fetch(s, 5000);
  ASSERT_TRUE(exchange.token.ok()) << exchange.token.problem().detail;
  EXPECT_EQ(exchange.status, 200);
  EXPECT_EQ(exchange.token->value.rfind("tok-", 0), 0u);
  EXPECT_EQ(exchange.token->expires_in.count(), 3600);
  EXPECT_EQ(exchange.token->scope, "read write");
  EXPECT_EQ(idp.last_auth_method, auth == ClientAuthentication::Basic ? "basic" : "body");
  EXPECT_EQ(idp.last_params.at("grant_type"), to_string(grant));
  EXPECT_EQ(idp.last_params.at("audience"), "https://api.example/");
  EXPECT_EQ(idp.last_params.at("tenant"), "acme & co");
}

INSTANTIATE_TEST_SUITE_P(
    Rfc6749, StrictEndpoint,
    ::testing::Combine(::testing::Values(GrantType::ClientCredentials, GrantType::Password),
                       ::testing::Values(ClientAuthentication::Basic, ClientAuthentication::Body),
                       ::testing::Values(TokenRequestFormat::Form, TokenRequestFormat::Json)));

class MisbehavingEndpoint : public ::testing::Test {
 protected:
  TokenExchange fetch(const std::string& path) {
    return client.fetch(settings_for(idp, path), 5000);
  }
  StrictTokenEndpoint idp;
  OutboundHttp http{OutboundPolicy{true, {}, {}, {}, {}}};
  OAuth2Client client{http};
};

TEST_F(MisbehavingEndpoint, WrongSecretGivesTheServersOAuthError) {
  auto s = settings_for(idp);
  s.client_secret.value = "wrong";
  auto exchange = client.fetch(s, 5000);
  ASSERT_FALSE(exchange.token.ok());
  const auto& p = exchange.token.problem();
  EXPECT_EQ(p.type, ProblemType::TokenError);
  EXPECT_EQ(p.status, 502);
  EXPECT_EQ(exchange.status, 401);
  EXPECT_EQ(p.extensions["oauth_error"], "invalid_client");
  EXPECT_EQ(p.extensions["oauth_error_description"], "strict endpoint: invalid_client");
  EXPECT_EQ(p.detail.find("wrong"), std::string::npos);
}

TEST_F(MisbehavingEndpoint, Section52ErrorBody) {
  auto exchange = fetch("/error");
  ASSERT_FALSE(exchange.token.ok());
  EXPECT_EQ(exchange.token.problem().extensions["oauth_error"], "invalid_scope");
  EXPECT_EQ(exchange.status, 400);
}

TEST_F(MisbehavingEndpoint, GarbageAndHugeBodiesAreTokenErrors) {
  for (const char* path : {"/garbage", "/html-500", "/huge"}) {
    auto exchange = fetch(path);
    ASSERT_FALSE(exchange.token.ok()) << path;
    EXPECT_EQ(exchange.token.problem().type, ProblemType::TokenError) << path;
    EXPECT_FALSE(exchange.token.problem().extensions.contains("oauth_error")) << path;
    EXPECT_EQ(exchange.token.problem().detail.find("nginx"), std::string::npos);
  }
}

TEST_F(MisbehavingEndpoint, ExpiresInAsAString) {
  auto exchange = fetch("/string-expiry");
  ASSERT_TRUE(exchange.token.ok()) << exchange.token.problem().detail;
  EXPECT_EQ(exchange.token->expires_in.count(), 120);
}

TEST_F(MisbehavingEndpoint, UnreachableAndSlowEndpoints) {
  auto s = settings_for(idp);
  s.token_url = "http://127.0.0.1:1/token";
  auto refused = client.fetch(s, 5000);
  ASSERT_FALSE(refused.token.ok());
  EXPECT_EQ(refused.token.problem().type, ProblemType::TokenError);
  EXPECT_EQ(refused.status, 0);

  idp.delay_ms = 1000;
  auto slow = client.fetch(settings_for(idp), 300);
  ASSERT_FALSE(slow.token.ok());
  EXPECT_EQ(slow.token.problem().type, ProblemType::UpstreamTimeout) << slow.token.problem().detail;
}

TEST_F(MisbehavingEndpoint, TheGuardAppliesToTokenUrls) {
  OutboundHttp strict{OutboundPolicy{}};
  OAuth2Client guarded{strict};
  auto exchange = guarded.fetch(settings_for(idp), 5000);
  ASSERT_FALSE(exchange.token.ok());
  EXPECT_EQ(exchange.token.problem().type, ProblemType::DestinationNotAllowed);
  EXPECT_EQ(idp.token_requests, 0);
}

}  // namespace
}  // namespace datahub::outbound
