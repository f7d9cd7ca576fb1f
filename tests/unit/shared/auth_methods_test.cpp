// The static authentication methods (api_key, basic, bearer): their JSON both ways, their rules
// field by field, the headers they own, and the secrets the PUT merge and origin rule keep.
#include "datahub/auth_methods.h"

#include <gtest/gtest.h>

#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "test_connectors.h"

namespace datahub {
namespace {

using nlohmann::json;
using testing::message_for;
using testing::valid_connector;

Connector with_auth(const json& auth) {
  json body = to_request_json(valid_connector());
  body["auth"] = auth;
  auto c = connector_from_json(body);
  EXPECT_TRUE(c.ok()) << body.dump();
  return c.ok() ? *c : Connector{};
}

// What validate() says about `field` for a connector with this auth object.
std::optional<std::string> rule(const json& auth, const std::string& field) {
  json body = to_request_json(valid_connector());
  body["auth"] = auth;
  auto parsed = parse_connector_json(body);
  if (!parsed.ok()) return "bad request";
  if (auto m = message_for(parsed->errors, field)) return m;
  Connector c = parsed->connector;
  normalize(c);
  return message_for(validate(c), field);
}

TEST(AuthMethods, OneTableNamesThemAll) {
  EXPECT_EQ(auth_method_names(), "none, oauth2, api_key, basic, bearer");
  for (const auto& m : auth_methods()) {
    EXPECT_STREQ(to_string(m.method), m.name);
    EXPECT_EQ(parse_auth_method(m.name), m.method);
  }
}

TEST(AuthMethods, ApiKeyRoundTripsAndNeverShowsItsValue) {
  const auto c = with_auth(
      {{"method", "api_key"}, {"name", "X-API-Key"}, {"in", "query"}, {"value", "k3y-v4lue-1"}});
  EXPECT_EQ(c.auth.method, AuthMethod::ApiKey);
  EXPECT_EQ(c.auth.api_key.name, "X-API-Key");
  EXPECT_EQ(c.auth.api_key.in, ApiKeyLocation::Query);
  EXPECT_EQ(c.auth.api_key.value.value, "k3y-v4lue-1");
  const auto response = to_response_json(c);
  EXPECT_EQ(
      response["auth"],
      json({{"method", "api_key"}, {"name", "X-API-Key"}, {"in", "query"}, {"value_set", true}}));
  EXPECT_EQ(to_request_json(c)["auth"]["value"], "k3y-v4lue-1");
  EXPECT_EQ(response.dump().find("k3y-v4lue-1"), std::string::npos);
}

TEST(AuthMethods, BasicRoundTripsIntoItsOwnFields) {
  const auto c =
      with_auth({{"method", "basic"}, {"username", "svc-hub"}, {"password", "pa55-w0rd"}});
  EXPECT_EQ(c.auth.basic.username, "svc-hub");
  EXPECT_EQ(c.auth.basic.password.value, "pa55-w0rd");
  EXPECT_FALSE(c.auth.oauth2.password.value);  // OAuth2's field of the same name stays empty
  EXPECT_EQ(to_response_json(c)["auth"],
            json({{"method", "basic"}, {"username", "svc-hub"}, {"password_set", true}}));
}

TEST(AuthMethods, BearerRoundTrips) {
  const auto c = with_auth({{"method", "bearer"}, {"token", "abc.DEF-123~+/="}});
  EXPECT_EQ(c.auth.bearer.token.value, "abc.DEF-123~+/=");
  EXPECT_EQ(to_response_json(c)["auth"], json({{"method", "bearer"}, {"token_set", true}}));
}

TEST(AuthMethods, ValidStaticMethodsPass) {
  for (const json& auth :
       {json{{"method", "api_key"}, {"name", "X-API-Key"}, {"value", "k3y-v4lue-1"}},
        json{{"method", "api_key"}, {"name", "api key"}, {"in", "query"}, {"value", "k3y v4lue&1"}},
        json{{"method", "basic"}, {"username", "Jürgen"}, {"password", "pa55-wört"}},
        json{{"method", "bearer"}, {"token", "mF_9.B5f-4.1JqM"}}}) {
    json body = to_request_json(valid_connector());
    body["auth"] = auth;
    auto c = connector_from_json(body);
    ASSERT_TRUE(c.ok()) << auth.dump();
    EXPECT_TRUE(validate(*c).empty()) << auth.dump() << " " << validate(*c)[0].message;
  }
}

TEST(AuthMethods, ApiKeyRules) {
  EXPECT_EQ(rule({{"method", "api_key"}, {"value", "k3y-v4lue-1"}}, "auth.name"), "is required");
  EXPECT_TRUE(
      rule({{"method", "api_key"}, {"name", "Bad Name"}, {"value", "k3y-v4lue-1"}}, "auth.name"));
  EXPECT_EQ(rule({{"method", "api_key"}, {"name", "Host"}, {"value", "k3y-v4lue-1"}}, "auth.name"),
            "is set by the HTTP client and cannot be configured");
  EXPECT_EQ(rule({{"method", "api_key"}, {"name", "X-Key"}}, "auth.value"),
            "is required for an API key");
  EXPECT_EQ(rule({{"method", "api_key"}, {"name", "X-Key"}, {"value", "short"}}, "auth.value"),
            "must be at least 8 bytes long (a shorter secret is easy to guess)");
  EXPECT_TRUE(rule({{"method", "api_key"}, {"name", "X-Key"}, {"value", "k3y\r\nX-Injected: 1"}},
                   "auth.value"));
  EXPECT_EQ(
      rule({{"method", "api_key"}, {"name", "X-Key"}, {"in", "cookie"}, {"value", "k3y-v4lue-1"}},
           "auth.in"),
      "must be one of: header, query");
}

TEST(AuthMethods, BasicRules) {
  EXPECT_EQ(
      rule({{"method", "basic"}, {"username", "a:b"}, {"password", "pa55-w0rd"}}, "auth.username"),
      "must not contain ':' (RFC 7617: it ends the user-id)");
  EXPECT_EQ(rule({{"method", "basic"},
                  {"username",
                   "a\x01"
                   "b"},
                  {"password", "pa55-w0rd"}},
                 "auth.username"),
            "must not contain control characters");
  EXPECT_EQ(rule({{"method", "basic"}, {"username", "u"}}, "auth.password"),
            "is required for basic authentication");
  EXPECT_EQ(
      rule({{"method", "basic"}, {"username", "u"}, {"password", "pa55\nw0rd"}}, "auth.password"),
      "must not contain control characters");
}

TEST(AuthMethods, BearerRules) {
  EXPECT_EQ(rule({{"method", "bearer"}}, "auth.token"), "is required for a bearer token");
  const std::string not_b64 =
      "must be a b64token (RFC 6750: letters, digits, - . _ ~ + / and trailing =)";
  EXPECT_EQ(rule({{"method", "bearer"}, {"token", "has spaces inside"}}, "auth.token"), not_b64);
  EXPECT_EQ(rule({{"method", "bearer"}, {"token", "abcdefgh=ij"}}, "auth.token"), not_b64);
  EXPECT_EQ(rule({{"method", "bearer"}, {"token", "========"}}, "auth.token"), not_b64);
}

TEST(AuthMethods, NoFieldTakesMoreThanAHeaderValue) {
  const std::string at_most = "must be at most 8192 bytes";
  const std::string huge(kMaxPlainTextLength + 1, 'a');
  const std::string fits(kMaxPlainTextLength, 'a');
  EXPECT_EQ(
      rule({{"method", "basic"}, {"username", huge}, {"password", "pa55-w0rd"}}, "auth.username"),
      at_most);
  EXPECT_EQ(rule({{"method", "basic"}, {"username", "u"}, {"password", huge}}, "auth.password"),
            at_most);
  EXPECT_EQ(rule({{"method", "bearer"}, {"token", huge}}, "auth.token"), at_most);
  EXPECT_EQ(rule({{"method", "bearer"}, {"token", fits}}, "auth.token"), std::nullopt);
  EXPECT_EQ(rule({{"method", "api_key"}, {"in", "query"}, {"name", huge}, {"value", "k3y-k3y-k3y"}},
                 "auth.name"),
            at_most);
  EXPECT_EQ(rule({{"method", "api_key"}, {"in", "query"}, {"name", "key"}, {"value", huge}},
                 "auth.value"),
            at_most);
}

TEST(AuthMethods, TheHeaderAMethodSendsCannotBeACustomHeader) {
  auto custom = [](const json& auth, const std::string& header) {
    json body = to_request_json(valid_connector());
    body["auth"] = auth;
    body["headers"] = json::array({{{"name", header}, {"value", "x"}, {"secret", false}}});
    auto c = connector_from_json(body);
    return c.ok() ? message_for(validate(*c), "headers[0].name") : std::nullopt;
  };
  EXPECT_EQ(
      custom({{"method", "basic"}, {"username", "u"}, {"password", "pa55-w0rd"}}, "authorization"),
      "cannot be set while auth.method is basic (the username and password set it)");
  EXPECT_EQ(custom({{"method", "bearer"}, {"token", "t0ken-value"}}, "Authorization"),
            "cannot be set while auth.method is bearer (the token sets it)");
  EXPECT_EQ(
      custom({{"method", "api_key"}, {"name", "X-API-Key"}, {"value", "k3y-v4lue-1"}}, "x-api-key"),
      "cannot be set while auth.method is api_key (the API key sets it)");
  // The key in the query owns no header; api_key leaves Authorization free.
  EXPECT_EQ(
      custom(
          {{"method", "api_key"}, {"name", "X-API-Key"}, {"in", "query"}, {"value", "k3y-v4lue-1"}},
          "X-API-Key"),
      std::nullopt);
  EXPECT_EQ(custom({{"method", "api_key"}, {"name", "X-API-Key"}, {"value", "k3y-v4lue-1"}},
                   "Authorization"),
            std::nullopt);
}

TEST(AuthMethods, APutKeepsTheStoredSecretOfTheSameMethodOnly) {
  Connector stored = with_auth({{"method", "bearer"}, {"token", "t0ken-value"}});
  merge_write_only(stored, Connector{});
  Connector incoming = with_auth({{"method", "bearer"}});
  merge_write_only(incoming, stored);
  EXPECT_EQ(incoming.auth.bearer.token.value, "t0ken-value");
  // Another method does not inherit it, and the old method's settings are dropped.
  Connector basic = with_auth({{"method", "basic"}, {"username", "u"}});
  merge_write_only(basic, stored);
  EXPECT_FALSE(basic.auth.basic.password.present());
  EXPECT_FALSE(basic.auth.bearer.token.present());
}

TEST(AuthMethods, MovingTheBaseUrlNeedsTheSecretsAgain) {
  for (const json& auth :
       {json{{"method", "api_key"}, {"name", "X-API-Key"}, {"value", "k3y-v4lue-1"}},
        json{{"method", "basic"}, {"username", "u"}, {"password", "pa55-w0rd"}},
        json{{"method", "bearer"}, {"token", "t0ken-value"}}}) {
    Connector stored = with_auth(auth);
    merge_write_only(stored, Connector{});
    json kept = auth;
    for (const char* secret : {"value", "password", "token"}) kept.erase(secret);
    Connector incoming = with_auth(kept);
    incoming.base_url = "https://attacker.example.net/api";
    const auto errors = secrets_left_behind(incoming, stored);
    ASSERT_EQ(errors.size(), 1u) << auth.dump();
    EXPECT_EQ(errors[0].message,
              "must be entered again: the base URL now points to another server");
    incoming.base_url = "https://erp.example.com/other/path";  // same origin: kept
    EXPECT_TRUE(secrets_left_behind(incoming, stored).empty()) << auth.dump();
  }
}

}  // namespace
}  // namespace datahub
