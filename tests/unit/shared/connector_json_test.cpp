// The connector's JSON: what the backend reads from clients and what every response shows.
#include "datahub/connector_json.h"

#include <gtest/gtest.h>

#include "test_connectors.h"

namespace datahub {
namespace {

using nlohmann::json;
using testing::fields_of;
using testing::message_for;
using testing::secret_header;

const json kOAuth2Body = json::parse(R"({
  "type": "api", "name": "ERP production", "base_url": "https://erp.example.com/api/v2",
  "status": "active", "timeout_ms": 5000,
  "auth": {"method": "oauth2", "grant_type": "password",
           "token_url": "https://idp.example.com/oauth/token", "client_id": "hub",
           "client_secret": "cs", "username": "svc-hub", "password": "pw", "scope": "read write",
           "audience": "erp", "resource": "https://erp.example.com", "extra_params": {"tenant": "acme"},
           "client_authentication": "body", "token_request_format": "json"},
  "headers": [{"name": "X-Tenant", "value": "acme"},
              {"name": "X-API-Key", "value": "k", "secret": true}]
})");

TEST(ConnectorFromJson, ReadsEveryEditableField) {
  const auto r = connector_from_json(kOAuth2Body);
  ASSERT_TRUE(r.ok()) << to_json(r.problem());
  const Connector& c = *r;
  EXPECT_EQ(c.name, "ERP production");
  EXPECT_EQ(c.base_url, "https://erp.example.com/api/v2");
  EXPECT_EQ(c.status, ConnectorStatus::Active);
  EXPECT_EQ(c.timeout_ms, 5000);
  const auto& o = c.auth.oauth2;
  EXPECT_EQ(c.auth.method, AuthMethod::OAuth2);
  EXPECT_EQ(o.grant_type, GrantType::Password);
  EXPECT_EQ(o.token_url, "https://idp.example.com/oauth/token");
  EXPECT_EQ(o.client_id, "hub");
  EXPECT_EQ(o.client_secret.value, "cs");
  EXPECT_EQ(o.username, "svc-hub");
  EXPECT_EQ(o.password.value, "pw");
  EXPECT_EQ(o.scope, "read write");
  EXPECT_EQ(o.audience, "erp");
  EXPECT_EQ(o.resource, "https://erp.example.com");
  EXPECT_EQ(o.extra_params, (std::map<std::string, std::string>{{"tenant", "acme"}}));
  EXPECT_EQ(o.client_authentication, ClientAuthentication::Body);
  EXPECT_EQ(o.token_request_format, TokenRequestFormat::Json);
  ASSERT_EQ(c.headers.size(), 2u);
  EXPECT_EQ(c.headers[0].name, "X-Tenant");
  EXPECT_EQ(c.headers[0].value.value, "acme");
  EXPECT_FALSE(c.headers[0].secret);
  EXPECT_TRUE(c.headers[1].secret);
  EXPECT_EQ(c.headers[1].value.value, "k");
}

TEST(ConnectorFromJson, MissingMembersGetTheDefaults) {
  const auto r = connector_from_json(json::object());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, Connector{});
  EXPECT_EQ(r->status, ConnectorStatus::Disabled);
  EXPECT_EQ(r->timeout_ms, 30000);
}

TEST(ConnectorFromJson, NotAnObjectIsABadRequest) {
  for (const auto& body : {json::array(), json("x"), json(1), json()}) {
    const auto r = connector_from_json(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.problem().type, ProblemType::BadRequest);
    EXPECT_EQ(r.problem().status, 400);
  }
}

TEST(ConnectorFromJson, ListsEveryMemberOfTheWrongType) {
  const auto body = json::parse(R"({
    "name": 5, "base_url": ["x"], "status": true, "timeout_ms": "30000", "version": "1",
    "auth": {"method": "oauth2", "token_url": 1, "client_secret": 2, "password_set": "yes",
             "extra_params": {"tenant": 7, "ok": "fine"}},
    "headers": [{"name": "A", "value": "1"}, "X-Bad", {"name": "B", "value": null, "secret": "no"},
                {"name": "C", "value": {}}]
  })");
  const auto r = connector_from_json(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().type, ProblemType::BadRequest);
  const auto& e = r.problem().errors;
  EXPECT_EQ(message_for(e, "name"), "must be a string");
  EXPECT_EQ(message_for(e, "base_url"), "must be a string");
  EXPECT_EQ(message_for(e, "status"), "must be a string");
  EXPECT_EQ(message_for(e, "timeout_ms"), "must be a number");
  EXPECT_EQ(message_for(e, "version"), "must be a number");
  EXPECT_EQ(message_for(e, "auth.token_url"), "must be a string");
  EXPECT_EQ(message_for(e, "auth.client_secret"), "must be a string or null");
  EXPECT_EQ(message_for(e, "auth.password_set"), "must be a boolean");
  EXPECT_EQ(message_for(e, "auth.extra_params.tenant"), "must be a string");
  EXPECT_EQ(message_for(e, "headers[1]"), "must be an object");
  EXPECT_EQ(message_for(e, "headers[2].secret"), "must be a boolean");
  EXPECT_EQ(message_for(e, "headers[3].value"), "must be a string or null");
  EXPECT_EQ(e.size(), 12u) << to_json(r.problem());
}

TEST(ConnectorFromJson, ContainersOfTheWrongTypeAreBadRequests) {
  const auto r = connector_from_json(json{{"auth", "oauth2"}, {"headers", json::object()}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(fields_of(r.problem().errors), (std::vector<std::string>{"auth", "headers"}));
  const auto p = connector_from_json(json{{"auth", {{"extra_params", json::array()}}}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(message_for(p.problem().errors, "auth.extra_params"), "must be an object");
}

TEST(ConnectorFromJson, UnknownEnumStringsAndTypesAreValidationProblems) {
  const auto body = json::parse(R"({"type": "database", "status": "paused",
    "auth": {"method": "oauth2", "grant_type": "implicit", "client_authentication": "jwt",
             "token_request_format": "xml"}})");
  const auto r = connector_from_json(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().type, ProblemType::Validation);
  EXPECT_EQ(r.problem().status, 422);
  const auto& e = r.problem().errors;
  EXPECT_EQ(message_for(e, "type"), "must be \"api\"");
  EXPECT_EQ(message_for(e, "status"), "must be one of: active, disabled");
  EXPECT_EQ(message_for(e, "auth.grant_type"), "must be one of: client_credentials, password");
  EXPECT_EQ(message_for(e, "auth.client_authentication"),
            "must be one of: basic, body, private_key_jwt");
  EXPECT_EQ(message_for(e, "auth.token_request_format"), "must be one of: form, json");
  EXPECT_EQ(e.size(), 5u);
  const auto m = connector_from_json(json{{"auth", {{"method", "digest"}}}});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(message_for(m.problem().errors, "auth.method"),
            "must be one of: none, oauth2, api_key, basic, bearer");
}

TEST(ConnectorFromJson, TypeErrorsWinOverValueErrors) {
  const auto r = connector_from_json(json{{"name", 1}, {"status", "paused"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().type, ProblemType::BadRequest);
}

TEST(ConnectorFromJson, NullMeansAbsentAndKeepsWriteOnlyValues) {
  const auto body = json::parse(R"({"name": null, "timeout_ms": null,
    "auth": {"method": "oauth2", "client_secret": null, "password": null},
    "headers": [{"name": "X-API-Key", "value": null, "secret": true}]})");
  const auto r = connector_from_json(body);
  ASSERT_TRUE(r.ok()) << to_json(r.problem());
  EXPECT_EQ(r->name, "");
  EXPECT_EQ(r->timeout_ms, kDefaultTimeoutMs);
  EXPECT_FALSE(r->auth.oauth2.client_secret.value);
  EXPECT_FALSE(r->auth.oauth2.password.value);
  EXPECT_FALSE(r->headers[0].value.value);
}

TEST(ConnectorFromJson, EmptyStringClearsAWriteOnlyValue) {
  const auto r = connector_from_json(json{{"auth", {{"client_secret", ""}}}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->auth.oauth2.client_secret.value, "");
}

TEST(ConnectorFromJson, ReadsServerOwnedFieldsAndSetFlags) {
  const auto body = json::parse(R"({"id": "c_9x2k", "created_at": "2026-11-29T21:10:15Z",
    "updated_at": "2026-11-30T08:00:00Z", "version": 3,
    "auth": {"method": "oauth2", "client_secret_set": true, "password_set": false},
    "headers": [{"name": "X-API-Key", "secret": true, "value_set": true}]})");
  const auto r = connector_from_json(body);
  ASSERT_TRUE(r.ok()) << to_json(r.problem());
  EXPECT_EQ(r->id, "c_9x2k");
  EXPECT_EQ(r->created_at, "2026-11-29T21:10:15Z");
  EXPECT_EQ(r->updated_at, "2026-11-30T08:00:00Z");
  EXPECT_EQ(r->version, 3);
  EXPECT_TRUE(r->auth.oauth2.client_secret.is_set);
  EXPECT_TRUE(r->auth.oauth2.client_secret.present());
  EXPECT_FALSE(r->auth.oauth2.password.is_set);
  EXPECT_TRUE(r->headers[0].value.is_set);
  EXPECT_FALSE(r->headers[0].value.value);
}

TEST(ConnectorFromJson, IgnoresUnknownMembers) {
  const auto r = connector_from_json(
      json{{"name", "A"}, {"color", "blue"}, {"auth", {{"method", "none"}, {"flavour", 1}}}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->name, "A");
}

TEST(ConnectorFromJson, TimeoutsMustBeWholeNumbersAndLargeOnesStayOutOfRange) {
  const auto frac = connector_from_json(json{{"timeout_ms", 1.5}});
  ASSERT_FALSE(frac.ok());
  EXPECT_EQ(frac.problem().type, ProblemType::Validation);
  EXPECT_EQ(message_for(frac.problem().errors, "timeout_ms"), "must be a whole number");
  const auto whole = connector_from_json(json{{"timeout_ms", 2000.0}});
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->timeout_ms, 2000);
  const auto huge = connector_from_json(json::parse(R"({"timeout_ms": 99999999999999})"));
  ASSERT_TRUE(huge.ok());
  EXPECT_GT(huge->timeout_ms, kMaxTimeoutMs);  // validate() then says "between 1 and 120000"
  const auto negative = connector_from_json(json::parse(R"({"timeout_ms": -99999999999999})"));
  ASSERT_TRUE(negative.ok());
  EXPECT_LT(negative->timeout_ms, 1);
}

TEST(ParseConnectorJson, HandsValueErrorsBackWithTheConnector) {
  const auto r = parse_connector_json(json{{"name", "A"}, {"status", "paused"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->connector.name, "A");
  EXPECT_EQ(fields_of(r->errors), (std::vector<std::string>{"status"}));
}

// A connector holding every secret, as the store returns it.
Connector connector_with_secrets() {
  Connector c = testing::valid_oauth2_connector(GrantType::Password);
  c.id = "c_1";
  c.created_at = c.updated_at = "2026-11-29T21:10:15Z";
  c.version = 2;
  c.auth.oauth2.client_secret = {std::string("SENTINEL-client-secret"), true};
  c.auth.oauth2.password = {std::string("SENTINEL-password"), true};
  c.auth.oauth2.extra_params = {{"tenant", "acme"}};
  c.headers.push_back(secret_header("X-API-Key", "SENTINEL-header"));
  c.headers.back().value.is_set = true;
  return c;
}

TEST(ToResponseJson, NeverContainsASecret) {
  const auto text = to_response_json(connector_with_secrets()).dump();
  EXPECT_EQ(text.find("SENTINEL"), std::string::npos) << text;
  EXPECT_EQ(text.find("\"client_secret\":"), std::string::npos);
  EXPECT_EQ(text.find("\"password\":"), std::string::npos);
}

TEST(ToResponseJson, SaysWhichSecretsAreStored) {
  const auto j = to_response_json(connector_with_secrets());
  EXPECT_EQ(j["auth"]["client_secret_set"], true);
  EXPECT_EQ(j["auth"]["password_set"], true);
  EXPECT_EQ(j["headers"][1], (json{{"name", "X-API-Key"}, {"secret", true}, {"value_set", true}}));
  EXPECT_EQ(j["headers"][0], (json{{"name", "X-Tenant"}, {"secret", false}, {"value", "acme"}}));
  Connector cleared = connector_with_secrets();
  cleared.auth.oauth2.password = {std::string(""), false};
  EXPECT_EQ(to_response_json(cleared)["auth"]["password_set"], false);
}

TEST(ToResponseJson, HasEveryContractField) {
  const auto j = to_response_json(connector_with_secrets());
  for (const char* key : {"id", "type", "name", "base_url", "status", "auth", "headers",
                          "timeout_ms", "created_at", "updated_at", "version"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["version"], 2);
  EXPECT_EQ(j["status"], "disabled");
  const auto& auth = j["auth"];
  EXPECT_EQ(auth["method"], "oauth2");
  EXPECT_EQ(auth["grant_type"], "password");
  EXPECT_EQ(auth["username"], "svc-hub");
  EXPECT_EQ(auth["scope"], "");  // optional strings are present, empty when unset
  EXPECT_EQ(auth["audience"], "");
  EXPECT_EQ(auth["resource"], "");
  EXPECT_EQ(auth["extra_params"], (json{{"tenant", "acme"}}));
  EXPECT_EQ(auth["client_authentication"], "basic");
  EXPECT_EQ(auth["token_request_format"], "form");
}

TEST(ToResponseJson, AuthNoneIsJustTheMethod) {
  Connector c = connector_with_secrets();
  c.auth.method = AuthMethod::None;
  EXPECT_EQ(to_response_json(c)["auth"], (json{{"method", "none"}}));
}

TEST(ToResponseJson, ExtraParamsIsAnObjectEvenWhenEmpty) {
  Connector c = testing::valid_oauth2_connector();
  EXPECT_TRUE(to_response_json(c)["auth"]["extra_params"].is_object());
}

TEST(ToRequestJson, CarriesOnlyEditableFieldsAndTheSecretsBeingSet) {
  Connector c = connector_with_secrets();
  c.auth.oauth2.password = {};  // keep the stored one
  const auto j = to_request_json(c);
  EXPECT_FALSE(j.contains("id"));
  EXPECT_FALSE(j.contains("version"));
  EXPECT_FALSE(j.contains("created_at"));
  EXPECT_EQ(j["auth"]["client_secret"], "SENTINEL-client-secret");
  EXPECT_FALSE(j["auth"].contains("password"));
  EXPECT_FALSE(j["auth"].contains("client_secret_set"));
  EXPECT_EQ(j["headers"][1]["value"], "SENTINEL-header");
}

TEST(RoundTrip, RequestJsonReadsBackToTheSameEditableFields) {
  Connector c = connector_with_secrets();
  c.auth.oauth2.client_secret.is_set = false;
  c.auth.oauth2.password.is_set = false;
  c.headers.back().value.is_set = false;
  c.auth.oauth2.scope = "read write";
  c.status = ConnectorStatus::Active;
  c.timeout_ms = 1234;
  const auto back = connector_from_json(to_request_json(c));
  ASSERT_TRUE(back.ok()) << to_json(back.problem());
  Connector expected = c;
  expected.id.clear();
  expected.created_at.clear();
  expected.updated_at.clear();
  expected.version = 0;
  EXPECT_EQ(*back, expected);
}

TEST(RoundTrip, ResponseJsonReadsBackWithSecretsAsFlags) {
  const Connector c = connector_with_secrets();
  const auto back = connector_from_json(to_response_json(c));
  ASSERT_TRUE(back.ok()) << to_json(back.problem());
  Connector expected = c;
  expected.auth.oauth2.client_secret = {std::nullopt, true};
  expected.auth.oauth2.password = {std::nullopt, true};
  expected.headers.back().value = {std::nullopt, true};
  EXPECT_EQ(*back, expected);
  EXPECT_EQ(to_response_json(*back), to_response_json(c));
}

TEST(RoundTrip, NonAsciiTextSurvives) {
  Connector c = testing::valid_connector();
  c.name = "Zürich 東京 🚀";
  const auto back = connector_from_json(json::parse(to_response_json(c).dump()));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->name, c.name);
}

}  // namespace
}  // namespace datahub
