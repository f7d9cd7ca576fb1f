// The OAuth 2.0 options added after v1 (docs/API.md, "OAuth 2.0 additions"): their JSON in
// both directions and the 422s under each field.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "datahub/secret_fields.h"
#include "test_connectors.h"

namespace datahub {
namespace {

using nlohmann::json;
using testing::message_for;
using testing::valid_oauth2_connector;

constexpr const char* kKeyPem = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

json oauth2_body(json extra) {
  json auth = {{"method", "oauth2"},
               {"token_url", "https://idp.example.com/token"},
               {"client_id", "hub"},
               {"client_secret", "s3cret-value"}};
  auth.update(extra);
  return {{"type", "api"}, {"name", "n"}, {"base_url", "https://api.example.com"}, {"auth", auth}};
}

Connector jwt_connector() {
  Connector c = valid_oauth2_connector();
  auto& o = c.auth.oauth2;
  o.client_authentication = ClientAuthentication::PrivateKeyJwt;
  o.client_secret = {};
  o.private_key.value = kKeyPem;
  return c;
}

TEST(OAuth2Options, DefaultsAreTheContracts) {
  const OAuth2Settings o;
  EXPECT_EQ(o.signing_alg, SigningAlg::RS256);
  EXPECT_EQ(o.key_id, "");
  EXPECT_EQ(o.token_field, "/access_token");
  EXPECT_EQ(o.expires_field, "/expires_in");
  EXPECT_EQ(o.default_lifetime_s, 3600);
  EXPECT_EQ(o.expired_statuses, std::vector<int>{401});
}

TEST(OAuth2Options, ReadsEveryOption) {
  const auto parsed =
      parse_connector_json(oauth2_body({{"client_authentication", "private_key_jwt"},
                                        {"private_key", kKeyPem},
                                        {"signing_alg", "ES256"},
                                        {"key_id", "k1"},
                                        {"token_field", "/data/token"},
                                        {"expires_field", "/data/ttl"},
                                        {"default_lifetime_s", 600},
                                        {"expired_statuses", {401, 403}}}));
  ASSERT_TRUE(parsed) << parsed.problem().detail;
  EXPECT_TRUE(parsed->errors.empty());
  const auto& o = parsed->connector.auth.oauth2;
  EXPECT_EQ(o.client_authentication, ClientAuthentication::PrivateKeyJwt);
  EXPECT_EQ(o.private_key.value, kKeyPem);
  EXPECT_EQ(o.signing_alg, SigningAlg::ES256);
  EXPECT_EQ(o.key_id, "k1");
  EXPECT_EQ(o.token_field, "/data/token");
  EXPECT_EQ(o.expires_field, "/data/ttl");
  EXPECT_EQ(o.default_lifetime_s, 600);
  EXPECT_EQ(o.expired_statuses, (std::vector<int>{401, 403}));
}

TEST(OAuth2Options, UnknownAlgorithmAndWrongTypesAreNamed) {
  auto parsed = parse_connector_json(oauth2_body({{"signing_alg", "HS256"}}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(message_for(parsed->errors, "auth.signing_alg"), "must be one of: RS256, PS256, ES256");
  parsed = parse_connector_json(oauth2_body({{"client_authentication", "tls"}}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(message_for(parsed->errors, "auth.client_authentication"),
            "must be one of: basic, body, private_key_jwt");
  const auto bad = parse_connector_json(oauth2_body({{"expired_statuses", {401, "403"}}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(message_for(bad.problem().errors, "auth.expired_statuses[1]"),
            "must be a whole number");
  const auto not_list = parse_connector_json(oauth2_body({{"expired_statuses", 401}}));
  ASSERT_FALSE(not_list);
  EXPECT_EQ(message_for(not_list.problem().errors, "auth.expired_statuses"), "must be an array");
}

TEST(OAuth2Options, DefaultsAreLeftOutOfTheJsonAndOthersWritten) {
  Connector c = valid_oauth2_connector();
  json auth = to_response_json(c)["auth"];
  for (const char* key : {"signing_alg", "key_id", "token_field", "expires_field",
                          "default_lifetime_s", "expired_statuses"})
    EXPECT_FALSE(auth.contains(key)) << key;
  EXPECT_EQ(auth["private_key_set"], false);
  c = jwt_connector();
  auto& o = c.auth.oauth2;
  o.signing_alg = SigningAlg::PS256;
  o.key_id = "k";
  o.token_field = "/t";
  o.expires_field = "/e";
  o.default_lifetime_s = 60;
  o.expired_statuses = {403};
  auth = to_response_json(c)["auth"];
  EXPECT_EQ(auth["client_authentication"], "private_key_jwt");
  EXPECT_EQ(auth["signing_alg"], "PS256");
  EXPECT_EQ(auth["key_id"], "k");
  EXPECT_EQ(auth["token_field"], "/t");
  EXPECT_EQ(auth["expires_field"], "/e");
  EXPECT_EQ(auth["default_lifetime_s"], 60);
  EXPECT_EQ(auth["expired_statuses"], json({403}));
  EXPECT_EQ(auth["private_key_set"], true);
  EXPECT_FALSE(auth.contains("private_key"));
  EXPECT_EQ(to_response_json(c).dump().find("PRIVATE KEY"), std::string::npos);
}

TEST(OAuth2Options, RoundTripThroughTheRequestForm) {
  Connector c = jwt_connector();
  c.auth.oauth2.signing_alg = SigningAlg::ES256;
  c.auth.oauth2.expired_statuses = {401, 403};
  c.auth.oauth2.token_field = "/data/token";
  const auto back = parse_connector_json(to_request_json(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->connector.auth, c.auth);
}

TEST(OAuth2Options, ThePrivateKeyIsARowOfTheSecretTable) {
  bool found = false;
  for (const auto& f : secret_fields()) {
    if (f.path != "auth.private_key") continue;
    found = true;
    EXPECT_EQ(f.set_flag, "private_key_set");
    EXPECT_EQ(f.binding, SecretBinding::TokenOrigin);
    Connector c = jwt_connector();
    EXPECT_EQ(f.of(c).value, kKeyPem);
  }
  EXPECT_TRUE(found);
}

TEST(OAuth2Options, PrivateKeyJwtNeedsAKeyAndNoSecret) {
  EXPECT_TRUE(validate(jwt_connector()).empty());
  Connector c = jwt_connector();
  c.auth.oauth2.private_key = {};
  EXPECT_EQ(message_for(validate(c), "auth.private_key"), "is required for private_key_jwt");
  EXPECT_FALSE(message_for(validate(c), "auth.client_secret"));
  c = valid_oauth2_connector();
  c.auth.oauth2.client_secret = {};
  EXPECT_EQ(message_for(validate(c), "auth.client_secret"),
            "is required for the client credentials grant");
}

TEST(OAuth2Options, APemThatIsNoPrivateKeyIsRefused) {
  Connector c = jwt_connector();
  c.auth.oauth2.private_key.value =
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  EXPECT_EQ(message_for(validate(c), "auth.private_key"),
            "must be a PEM private key (-----BEGIN PRIVATE KEY-----)");
  c.auth.oauth2.private_key.value =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
  EXPECT_TRUE(message_for(validate(c), "auth.private_key")->starts_with("is encrypted"));
}

TEST(OAuth2Options, JsonPointersMustParse) {
  for (const char* good : {"", "/", "/access_token", "/data/token", "/a~0b/c~1d", "/0"})
    EXPECT_TRUE(is_json_pointer(good)) << good;
  for (const char* bad : {"access_token", "data/token", "/a~", "/a~2", "#/a"})
    EXPECT_FALSE(is_json_pointer(bad)) << bad;
  // The same answers as nlohmann::json_pointer, which the backend reads the response with.
  for (const char* text : {"", "/", "/a~0b", "x", "/a~", "/a~2", "/~1~0"}) {
    bool parses = true;
    try {
      json::json_pointer p(text);
    } catch (const json::exception&) {
      parses = false;
    }
    EXPECT_EQ(is_json_pointer(text), parses) << text;
  }
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.token_field = "data.token";
  c.auth.oauth2.expires_field = "/ttl~";
  const auto errors = validate(c);
  EXPECT_TRUE(message_for(errors, "auth.token_field")->starts_with("must be a JSON Pointer"));
  EXPECT_TRUE(message_for(errors, "auth.expires_field")->starts_with("must be a JSON Pointer"));
  c.auth.oauth2.token_field = "";
  EXPECT_TRUE(message_for(validate(c), "auth.token_field")->starts_with("is required"));
}

TEST(OAuth2Options, ExpiredStatusesAreDistinctClientOrServerErrors) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.expired_statuses = {401, 403, 599};
  EXPECT_TRUE(validate(c).empty());
  c.auth.oauth2.expired_statuses = {};
  EXPECT_TRUE(message_for(validate(c), "auth.expired_statuses")->starts_with("must list"));
  c.auth.oauth2.expired_statuses = {399, 600, 401, 401};
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "auth.expired_statuses[0]"), "must be between 400 and 599");
  EXPECT_EQ(message_for(errors, "auth.expired_statuses[1]"), "must be between 400 and 599");
  EXPECT_FALSE(message_for(errors, "auth.expired_statuses[2]"));
  EXPECT_EQ(message_for(errors, "auth.expired_statuses[3]"), "is listed twice");
  const auto parsed = parse_connector_json(oauth2_body({{"expired_statuses", {100000}}}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(message_for(validate(parsed->connector), "auth.expired_statuses[0]"),
            "must be between 400 and 599");
}

TEST(OAuth2Options, DefaultLifetimeHasASaneRange) {
  Connector c = valid_oauth2_connector();
  for (int bad : {0, -5, 86401}) {
    c.auth.oauth2.default_lifetime_s = bad;
    EXPECT_EQ(message_for(validate(c), "auth.default_lifetime_s"), "must be between 1 and 86400")
        << bad;
  }
  c.auth.oauth2.default_lifetime_s = 86400;
  EXPECT_TRUE(validate(c).empty());
}

}  // namespace
}  // namespace datahub
