// The model's behaviour: enum strings, PUT merging of secrets, trimming and name folding.
#include "datahub/connector.h"

#include <gtest/gtest.h>

#include "test_connectors.h"

namespace datahub {
namespace {

using testing::secret_header;
using testing::valid_oauth2_connector;

TEST(ConnectorEnums, UseTheContractStrings) {
  EXPECT_STREQ(to_string(ConnectorStatus::Active), "active");
  EXPECT_STREQ(to_string(ConnectorStatus::Disabled), "disabled");
  EXPECT_STREQ(to_string(AuthMethod::None), "none");
  EXPECT_STREQ(to_string(AuthMethod::OAuth2), "oauth2");
  EXPECT_STREQ(to_string(GrantType::ClientCredentials), "client_credentials");
  EXPECT_STREQ(to_string(GrantType::Password), "password");
  EXPECT_STREQ(to_string(ClientAuthentication::Basic), "basic");
  EXPECT_STREQ(to_string(ClientAuthentication::Body), "body");
  EXPECT_STREQ(to_string(TokenRequestFormat::Form), "form");
  EXPECT_STREQ(to_string(TokenRequestFormat::Json), "json");
}

TEST(ConnectorEnums, ParseExactlyTheContractStrings) {
  EXPECT_EQ(parse_connector_status("active"), ConnectorStatus::Active);
  EXPECT_EQ(parse_auth_method("oauth2"), AuthMethod::OAuth2);
  EXPECT_EQ(parse_grant_type("password"), GrantType::Password);
  EXPECT_EQ(parse_client_authentication("body"), ClientAuthentication::Body);
  EXPECT_EQ(parse_token_request_format("json"), TokenRequestFormat::Json);
  EXPECT_FALSE(parse_connector_status("Active"));
  EXPECT_FALSE(parse_auth_method("digest"));  // "basic" became a method (issue 11)
  EXPECT_FALSE(parse_grant_type("implicit"));
  EXPECT_FALSE(parse_client_authentication(""));
  EXPECT_FALSE(parse_token_request_format("xml"));
}

TEST(ConnectorDefaults, MatchTheContract) {
  const Connector c;
  EXPECT_EQ(c.type, "api");
  EXPECT_EQ(c.status, ConnectorStatus::Disabled);
  EXPECT_EQ(c.auth.method, AuthMethod::None);
  EXPECT_EQ(c.timeout_ms, 30000);
  EXPECT_EQ(c.auth.oauth2.client_authentication, ClientAuthentication::Basic);
  EXPECT_EQ(c.auth.oauth2.token_request_format, TokenRequestFormat::Form);
}

// The stored record as the store hands it over: plaintext values, is_set true.
Connector stored_record() {
  Connector c = valid_oauth2_connector(GrantType::Password);
  c.auth.oauth2.client_secret = {std::string("stored-secret"), true};
  c.auth.oauth2.password = {std::string("stored-password"), true};
  c.headers = {secret_header("X-API-Key", "stored-key"), secret_header("X-Other", "other-key")};
  for (auto& h : c.headers) h.value.is_set = true;
  return c;
}

TEST(MergeWriteOnly, AbsentValuesKeepWhatIsStored) {
  Connector incoming = valid_oauth2_connector(GrantType::Password);
  incoming.auth.oauth2.client_secret = {};
  incoming.auth.oauth2.password = {};
  incoming.headers = {secret_header("X-API-Key", std::nullopt)};
  merge_write_only(incoming, stored_record());
  EXPECT_EQ(incoming.auth.oauth2.client_secret.value, "stored-secret");
  EXPECT_TRUE(incoming.auth.oauth2.client_secret.is_set);
  EXPECT_EQ(incoming.auth.oauth2.password.value, "stored-password");
  EXPECT_EQ(incoming.headers[0].value.value, "stored-key");
  EXPECT_TRUE(incoming.headers[0].value.is_set);
}

TEST(MergeWriteOnly, AStringReplacesAndEmptyClears) {
  Connector incoming = valid_oauth2_connector(GrantType::Password);
  incoming.auth.oauth2.client_secret = {std::string("new-secret"), false};
  incoming.auth.oauth2.password = {std::string(""), false};
  incoming.headers = {secret_header("X-API-Key", ""), secret_header("X-Other", "new-key")};
  merge_write_only(incoming, stored_record());
  EXPECT_EQ(incoming.auth.oauth2.client_secret.value, "new-secret");
  EXPECT_TRUE(incoming.auth.oauth2.client_secret.is_set);
  EXPECT_EQ(incoming.auth.oauth2.password.value, "");
  EXPECT_FALSE(incoming.auth.oauth2.password.is_set);
  EXPECT_FALSE(incoming.auth.oauth2.password.present());
  EXPECT_FALSE(incoming.headers[0].value.present());
  EXPECT_EQ(incoming.headers[1].value.value, "new-key");
}

TEST(MergeWriteOnly, SecretHeadersMatchByNameCaseInsensitivelyInAnyOrder) {
  Connector incoming = valid_oauth2_connector();
  incoming.headers = {secret_header("x-other", std::nullopt), secret_header("X-NEW", std::nullopt),
                      secret_header("X-Api-Key", std::nullopt)};
  merge_write_only(incoming, stored_record());
  EXPECT_EQ(incoming.headers[0].value.value, "other-key");
  EXPECT_FALSE(incoming.headers[1].value.present());  // nothing stored under that name
  EXPECT_EQ(incoming.headers[2].value.value, "stored-key");
}

TEST(MergeWriteOnly, AHeaderTurnedPlainDoesNotRevealTheStoredSecret) {
  Connector incoming = valid_oauth2_connector();
  incoming.headers = {{"X-API-Key", WriteOnly{}, false}};
  merge_write_only(incoming, stored_record());
  EXPECT_FALSE(incoming.headers[0].value.value);
}

TEST(MergeWriteOnly, AuthMethodNoneDropsOAuth2Secrets) {
  Connector incoming = testing::valid_connector();
  merge_write_only(incoming, stored_record());
  EXPECT_EQ(incoming.auth.oauth2, OAuth2Settings{});
  EXPECT_FALSE(incoming.auth.oauth2.client_secret.present());
}

TEST(MergeWriteOnly, OnCreateAClaimedSecretDoesNotCount) {
  Connector incoming = valid_oauth2_connector();
  incoming.auth.oauth2.client_secret = {std::nullopt, true};  // "client_secret_set": true
  merge_write_only(incoming, Connector{});
  EXPECT_FALSE(incoming.auth.oauth2.client_secret.present());
}

// An edit that keeps a stored secret but sends the connector elsewhere must type it again.
TEST(SecretsLeftBehind, AMovedOriginNeedsTheSecretsAgain) {
  const Connector stored = stored_record();
  Connector incoming = valid_oauth2_connector(GrantType::Password);
  incoming.auth.oauth2.client_secret = {};
  incoming.auth.oauth2.password = {};
  incoming.headers = {secret_header("X-API-Key", std::nullopt),
                      secret_header("X-Other", std::string("typed-again"))};
  EXPECT_TRUE(secrets_left_behind(incoming, stored).empty()) << "nothing moved";
  incoming.base_url = "https://erp.example.com:443/other/path";  // same origin, another path
  EXPECT_TRUE(secrets_left_behind(incoming, stored).empty());

  incoming.base_url = "https://attacker.example/api";
  auto errors = secrets_left_behind(incoming, stored);
  // X-Other is sent again: X-API-Key would be carried over, and so would the secrets that
  // mint the access token the new base URL receives.
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "headers[0].value");
  EXPECT_EQ(errors[1].field, "auth.client_secret");
  EXPECT_EQ(errors[2].field, "auth.password");
  incoming.base_url = "http://erp.example.com/api/v2";  // the scheme is part of the origin
  EXPECT_EQ(secrets_left_behind(incoming, stored).size(), 3u);

  incoming.base_url = stored.base_url;
  incoming.auth.oauth2.token_url = "https://idp.example.com:8443/oauth/token";
  errors = secrets_left_behind(incoming, stored);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "auth.client_secret");
  EXPECT_EQ(errors[1].field, "auth.password");
  incoming.auth.oauth2.client_secret.value = "new";
  incoming.auth.oauth2.password.value = "";  // cleared: nothing is carried over
  EXPECT_TRUE(secrets_left_behind(incoming, stored).empty());
}

// A stored password counts even when the grant no longer uses it: a later edit could switch the
// grant back without moving anything.
TEST(SecretsLeftBehind, AStoredPasswordCountsWhateverTheGrant) {
  const Connector stored = stored_record();
  Connector incoming = valid_oauth2_connector(GrantType::ClientCredentials);
  incoming.auth.oauth2.client_secret.value = "typed-again";
  incoming.auth.oauth2.password = {};
  incoming.base_url = "https://attacker.example/api";
  auto errors = secrets_left_behind(incoming, stored);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "auth.password");
}

TEST(Normalize, TrimsTheFieldsTheRulesLookAt) {
  Connector c = valid_oauth2_connector(GrantType::Password);
  c.name = "  ERP production\t";
  c.base_url = " https://erp.example.com/api \n";
  c.headers[0].name = " X-Tenant ";
  c.auth.oauth2.token_url = "\thttps://idp.example.com/token ";
  c.auth.oauth2.client_id = " hub ";
  c.auth.oauth2.username = " svc ";
  c.auth.oauth2.password.value = " keep spaces ";
  normalize(c);
  EXPECT_EQ(c.name, "ERP production");
  EXPECT_EQ(c.base_url, "https://erp.example.com/api");
  EXPECT_EQ(c.headers[0].name, "X-Tenant");
  EXPECT_EQ(c.auth.oauth2.token_url, "https://idp.example.com/token");
  EXPECT_EQ(c.auth.oauth2.client_id, "hub");
  EXPECT_EQ(c.auth.oauth2.username, "svc");
  EXPECT_EQ(c.auth.oauth2.password.value, " keep spaces ");  // secrets are never changed
}

TEST(FoldName, IgnoresAsciiCaseAndSurroundingSpace) {
  EXPECT_EQ(fold_name("  ERP Production "), "erp production");
  EXPECT_EQ(fold_name("erp production"), fold_name("ERP PRODUCTION"));
  EXPECT_NE(fold_name("ERP-1"), fold_name("ERP 1"));
  EXPECT_EQ(fold_name("Zürich"), "zürich");
}

}  // namespace
}  // namespace datahub
