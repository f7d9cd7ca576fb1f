// validate() and the single-field rules: what the user sees next to each field of the form and
// in a 422 answer.
#include "datahub/connector_validation.h"

#include <gtest/gtest.h>

#include "datahub/connector_json.h"
#include "test_connectors.h"

namespace datahub {
namespace {

using testing::fields_of;
using testing::message_for;
using testing::secret_header;
using testing::valid_connector;
using testing::valid_oauth2_connector;

Header plain_header(std::string name, std::string value) {
  return {std::move(name), WriteOnly{std::move(value), false}, false};
}

TEST(Validate, AcceptsValidConnectors) {
  EXPECT_TRUE(validate(valid_connector()).empty());
  EXPECT_TRUE(validate(valid_oauth2_connector()).empty());
  EXPECT_TRUE(validate(valid_oauth2_connector(GrantType::Password)).empty());
}

TEST(Validate, ReportsEveryBrokenFieldAtOnce) {
  Connector c = valid_oauth2_connector(GrantType::Password);
  c.type = "db";
  c.name = "";
  c.base_url = "ftp://x";
  c.timeout_ms = 0;
  c.auth.oauth2.token_url = "idp/token";
  c.auth.oauth2.client_id = "";
  c.auth.oauth2.username = "";
  c.auth.oauth2.password = {};
  c.headers = {plain_header("Bad Name", "v"), plain_header("X-A", "a\r\nInjected: 1")};
  const auto errors = validate(c);
  EXPECT_EQ(fields_of(errors),
            (std::vector<std::string>{"type", "name", "base_url", "auth.token_url",
                                      "auth.client_id", "auth.username", "auth.password",
                                      "headers[0].name", "headers[1].value", "timeout_ms"}));
  for (const auto& e : errors) EXPECT_FALSE(e.message.empty()) << e.field;
}

TEST(CheckName, CountsCharactersAfterTrimming) {
  EXPECT_EQ(check_name(std::string(100, 'a')), "");
  EXPECT_EQ(check_name(std::string(101, 'a')), "must be at most 100 characters");
  EXPECT_EQ(check_name("  " + std::string(100, 'a') + "  "), "");
  EXPECT_EQ(check_name(""), "is required");
  EXPECT_EQ(check_name(" \t "), "is required");
}

TEST(CheckName, CountsMultiByteCharactersOnce) {
  std::string hundred_umlauts;
  for (int i = 0; i < 100; ++i) hundred_umlauts += "ü";  // 200 bytes
  EXPECT_EQ(check_name(hundred_umlauts), "");
  EXPECT_EQ(check_name(hundred_umlauts + "ü"), "must be at most 100 characters");
  std::string rockets;
  for (int i = 0; i < 100; ++i) rockets += "🚀";  // 400 bytes
  EXPECT_EQ(check_name(rockets), "");
}

TEST(CheckName, RefusesControlCharactersAndBadUtf8) {
  EXPECT_EQ(check_name("ERP\tprod"), "must not contain control characters");
  EXPECT_EQ(check_name("ERP\nprod"), "must not contain control characters");
  EXPECT_EQ(check_name(std::string("ERP\0prod", 8)), "must not contain control characters");
  EXPECT_EQ(check_name("ERP\x7Fprod"), "must not contain control characters");
  EXPECT_EQ(check_name("ERP\xC2\x85prod"), "must not contain control characters");  // C1 NEL
  EXPECT_EQ(check_name("ERP\xC3prod"), "must be valid UTF-8");
  EXPECT_EQ(check_name("ERP production 東京"), "");
}

TEST(Validate, ChecksTheNameAndBaseUrl) {
  Connector c = valid_connector();
  c.name = std::string(101, 'x');
  c.base_url = "https://user:pw@erp.example.com/";
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "name"), "must be at most 100 characters");
  EXPECT_EQ(message_for(errors, "base_url"), "must not contain user info (user:password@)");
  c.base_url = "";
  EXPECT_EQ(message_for(validate(c), "base_url"), "is required");
}

TEST(CheckHttpUrl, AppliesTheUrlRule) {
  EXPECT_EQ(check_http_url("https://erp.example.com/api/v2"), "");
  EXPECT_EQ(check_http_url("  https://erp.example.com  "), "");  // trimmed like normalize()
  EXPECT_EQ(check_http_url("http://[::1]:8080"), "");
  EXPECT_EQ(check_http_url("https://erp.example.com/#x"), "must not contain a fragment (#...)");
  EXPECT_EQ(check_http_url("gopher://x"), "must use http or https");
  EXPECT_EQ(check_http_url("https://"), "must include a host");
  EXPECT_EQ(check_http_url("erp.example.com"), "must be an absolute http(s) URL");
  EXPECT_EQ(check_http_url(""), "is required");
}

TEST(Validate, TimeoutRange) {
  for (int ok : {1, 30000, 120000}) {
    Connector c = valid_connector();
    c.timeout_ms = ok;
    EXPECT_TRUE(validate(c).empty()) << ok;
  }
  for (int bad : {0, -1, 120001}) {
    Connector c = valid_connector();
    c.timeout_ms = bad;
    EXPECT_EQ(message_for(validate(c), "timeout_ms"), "must be between 1 and 120000") << bad;
  }
}

TEST(Validate, TypeMustBeApi) {
  Connector c = valid_connector();
  c.type = "database";
  EXPECT_EQ(message_for(validate(c), "type"), "must be \"api\"");
}

TEST(CheckHeaderName, IsAnRfc9110Token) {
  EXPECT_EQ(check_header_name("X-API-Key"), "");
  EXPECT_EQ(check_header_name("x_custom.1!#$%&'*+^`|~"), "");
  EXPECT_EQ(check_header_name(""), "is required");
  for (const char* bad :
       {"X API", "X:Key", "X-Key\r\nX-Injected", "Ünicode", "(x)", "a/b", "\"q\""}) {
    EXPECT_NE(check_header_name(bad), "") << bad;
  }
}

TEST(CheckHeaderValue, RefusesCrLfNulAndOtherControls) {
  EXPECT_EQ(check_header_value("abc def"), "");
  EXPECT_EQ(check_header_value("a\tb"), "");  // HTAB is allowed by RFC 9110
  EXPECT_EQ(check_header_value(""), "");
  EXPECT_EQ(check_header_value("Grüße"), "");
  EXPECT_EQ(check_header_value("a\r\nX-Injected: 1"), "must not contain CR, LF or NUL");
  EXPECT_EQ(check_header_value("a\rb"), "must not contain CR, LF or NUL");
  EXPECT_EQ(check_header_value("a\nb"), "must not contain CR, LF or NUL");
  EXPECT_EQ(check_header_value(std::string("a\0b", 3)), "must not contain CR, LF or NUL");
  EXPECT_EQ(check_header_value("a\x01"), "must not contain control characters");
  EXPECT_EQ(check_header_value("a\x7F"), "must not contain control characters");
  EXPECT_EQ(check_header_value(std::string(kMaxHeaderValueLength + 1, 'a')),
            "must be at most 8192 bytes");
}

TEST(ValidateHeaders, ReportsEachBadHeaderByIndex) {
  Connector c = valid_connector();
  c.headers = {plain_header("X-Ok", "1"), plain_header("Bad Name", "2"),
               plain_header("X-Crlf", "a\nb")};
  const auto errors = validate(c);
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"headers[1].name", "headers[2].value"}));
}

TEST(ValidateHeaders, RefusesDuplicateNamesCaseInsensitively) {
  Connector c = valid_connector();
  c.headers = {plain_header("X-Key", "1"), plain_header("X-Other", "2"),
               plain_header("x-key", "3")};
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "headers[2].name"),
            "duplicates headers[0] (names are case-insensitive)");
  EXPECT_FALSE(message_for(errors, "headers[0].name"));
}

TEST(ValidateHeaders, RefusesConnectionOwnedHeadersInAnyCase) {
  for (const char* name :
       {"Host", "host", "Content-Length", "TRANSFER-ENCODING", "Connection", "connection"}) {
    Connector c = valid_connector();
    c.headers = {plain_header(name, "x")};
    EXPECT_EQ(message_for(validate(c), "headers[0].name"),
              "is set by the HTTP client and cannot be configured")
        << name;
  }
}

// What /request refuses to send is refused when stored too: one list (is_reserved_header).
TEST(ValidateHeaders, RefusesHopByHopAndProxyHeadersThatRequestWouldRefuseToSend) {
  for (const char* name : {"Upgrade", "keep-alive", "TE", "Trailer", "Proxy-Connection",
                           "Proxy-Authorization", "proxy-anything"}) {
    Connector c = valid_connector();
    c.headers = {plain_header(name, "x")};
    EXPECT_EQ(message_for(validate(c), "headers[0].name"),
              "is set by the HTTP client and cannot be configured")
        << name;
    EXPECT_TRUE(is_reserved_header(name)) << name;
  }
  EXPECT_FALSE(is_reserved_header("X-Proxy-Id"));
}

TEST(ValidateHeaders, AuthorizationIsRefusedOnlyWithOAuth2) {
  Connector none = valid_connector();
  none.headers = {secret_header("Authorization", "Bearer static")};
  EXPECT_TRUE(validate(none).empty());
  Connector oauth2 = valid_oauth2_connector();
  oauth2.headers = {secret_header("authorization", "Bearer static")};
  EXPECT_EQ(message_for(validate(oauth2), "headers[0].name"),
            "cannot be set while auth.method is oauth2 (the token sets it)");
}

TEST(ValidateHeaders, AtMostFifty) {
  Connector c = valid_connector();
  c.headers.clear();
  for (int i = 0; i < 50; ++i) c.headers.push_back(plain_header("X-H" + std::to_string(i), "v"));
  EXPECT_TRUE(validate(c).empty());
  c.headers.push_back(plain_header("X-H50", "v"));
  EXPECT_EQ(message_for(validate(c), "headers"), "must have at most 50 entries");
}

TEST(ValidateHeaders, SecretHeadersNeedAValue) {
  Connector c = valid_connector();
  c.headers = {secret_header("X-API-Key", std::nullopt), secret_header("X-Two", ""),
               secret_header("X-Three", "key-8-bytes")};
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "headers[0].value"), "is required for a secret header");
  EXPECT_EQ(message_for(errors, "headers[1].value"), "is required for a secret header");
  EXPECT_FALSE(message_for(errors, "headers[2].value"));
  c.headers[0].value.is_set = true;  // stored already (after merge_write_only)
  EXPECT_FALSE(message_for(validate(c), "headers[0].value"));
}

// Shorter secrets are quick to guess, and an upstream's echo of one could not be told from
// ordinary text by the masking.
TEST(ValidateSecrets, SecretHeaderValuesAndClientSecretsHaveAtLeastEightBytes) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.client_secret.value = "1234567";
  c.headers = {secret_header("X-API-Key", "abc"), plain_header("X-Tenant", "a")};
  const auto errors = validate(c);
  const std::string message = "must be at least 8 bytes long (a shorter secret is easy to guess)";
  EXPECT_EQ(message_for(errors, "auth.client_secret"), message);
  EXPECT_EQ(message_for(errors, "headers[0].value"), message);
  EXPECT_FALSE(message_for(errors, "headers[1].value")) << "a plain header is no secret";

  c.auth.oauth2.client_secret.value = "12345678";
  c.headers[0].value.value = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // 4 characters, 8 bytes
  EXPECT_TRUE(validate(c).empty());
  c.auth.oauth2.client_secret = {std::nullopt, true};  // stored: judged when it was entered
  EXPECT_TRUE(validate(c).empty());
}

TEST(ValidateHeaders, PlainHeadersMayBeEmptyButNotMissing) {
  Connector c = valid_connector();
  c.headers = {plain_header("X-Empty", ""), {"X-Missing", WriteOnly{}, false}};
  EXPECT_EQ(fields_of(validate(c)), (std::vector<std::string>{"headers[1].value"}));
}

TEST(ValidateOAuth2, ClientCredentialsNeedsTokenUrlClientIdAndSecret) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.token_url = "";
  c.auth.oauth2.client_id = "";
  c.auth.oauth2.client_secret = {};
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "auth.token_url"), "is required");
  EXPECT_EQ(message_for(errors, "auth.client_id"), "is required");
  EXPECT_EQ(message_for(errors, "auth.client_secret"),
            "is required for the client credentials grant");
  EXPECT_FALSE(message_for(errors, "auth.username"));
}

TEST(ValidateOAuth2, AStoredSecretCountsAsGiven) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.client_secret = {std::nullopt, true};
  EXPECT_TRUE(validate(c).empty());
  c.auth.oauth2.client_secret = {std::string(""), true};  // "" clears, whatever was stored
  EXPECT_TRUE(message_for(validate(c), "auth.client_secret"));
}

TEST(ValidateOAuth2, PasswordGrantNeedsUsernameAndPasswordButNoSecret) {
  Connector c = valid_oauth2_connector(GrantType::Password);
  c.auth.oauth2.client_secret = {};
  EXPECT_TRUE(validate(c).empty());  // public clients have no secret
  c.auth.oauth2.username = "  ";
  c.auth.oauth2.password = {std::string(""), false};
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "auth.username"), "is required for the password grant");
  EXPECT_EQ(message_for(errors, "auth.password"), "is required for the password grant");
}

TEST(ValidateOAuth2, TokenUrlFollowsTheUrlRule) {
  Connector c = valid_oauth2_connector();
  for (const char* bad : {"https://u:p@idp.example.com/token", "https://idp.example.com/t#f",
                          "ldap://idp", "/oauth/token", "https://"}) {
    c.auth.oauth2.token_url = bad;
    EXPECT_TRUE(message_for(validate(c), "auth.token_url")) << bad;
  }
  c.auth.oauth2.token_url = "http://[fd00::1]:8443/oauth/token";
  EXPECT_TRUE(validate(c).empty());
}

TEST(ValidateOAuth2, TextFieldsHaveNoControlCharacters) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.scope = "read\nwrite";
  c.auth.oauth2.audience = "a\x01";
  c.auth.oauth2.client_id = "hub\r";
  const auto errors = validate(c);
  EXPECT_EQ(message_for(errors, "auth.scope"), "must not contain control characters");
  EXPECT_EQ(message_for(errors, "auth.audience"), "must not contain control characters");
  EXPECT_EQ(message_for(errors, "auth.client_id"), "must not contain control characters");
}

TEST(ValidateOAuth2, ExtraParamsMayNotOverrideReservedParameters) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.extra_params = {{"tenant", "acme"}, {"grant_type", "x"}, {"Client_Secret", "x"},
                                {"scope", "admin"}, {"resource", "x"},   {"audience", "x"},
                                {"username", "x"},  {"password", "x"},   {"client_id", "x"}};
  const auto errors = validate(c);
  EXPECT_FALSE(message_for(errors, "auth.extra_params.tenant"));
  for (const char* key : {"grant_type", "Client_Secret", "scope", "resource", "audience",
                          "username", "password", "client_id"}) {
    const auto message = message_for(errors, std::string("auth.extra_params.") + key);
    ASSERT_TRUE(message) << key;
    EXPECT_NE(message->find("must not override"), std::string::npos) << *message;
  }
}

TEST(ValidateOAuth2, ExtraParamKeysMustNotBeEmpty) {
  Connector c = valid_oauth2_connector();
  c.auth.oauth2.extra_params = {{"", "x"}};
  EXPECT_EQ(message_for(validate(c), "auth.extra_params"), "must not have an empty parameter name");
}

TEST(ValidateOAuth2, IsSkippedWhileAuthIsNone) {
  Connector c = valid_connector();
  c.auth.oauth2.token_url = "not a url";  // left over in the form; not in use
  EXPECT_TRUE(validate(c).empty());
}

TEST(ValidationProblem, IsA422WithTheErrors) {
  const auto p = validation_problem({{"name", "is required"}, {"base_url", "is required"}});
  EXPECT_EQ(p.type, ProblemType::Validation);
  EXPECT_EQ(p.status, 422);
  EXPECT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(to_json(p)["errors"][1]["field"], "base_url");
  EXPECT_NE(p.detail.find("2 fields"), std::string::npos) << p.detail;
}

TEST(ParseAndValidate, ValueErrorsJoinRuleErrorsWithoutRepeatingAField) {
  const auto parsed = parse_connector_json(
      nlohmann::json{{"type", "database"}, {"status", "paused"}, {"base_url", "x"}});
  ASSERT_TRUE(parsed.ok());
  auto errors = parsed->errors;
  auto c = parsed->connector;
  normalize(c);
  append_field_errors(errors, validate(c));
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"type", "status", "name", "base_url"}));
}

}  // namespace
}  // namespace datahub
