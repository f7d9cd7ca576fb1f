// The token request built byte for byte, and token responses read strictly but tolerantly.
#include <gtest/gtest.h>

#include "outbound/connector_request.h"
#include "outbound/form_encoding.h"
#include "outbound/oauth2_token_request.h"
#include "outbound/oauth2_token_response.h"
#include "outbound/outbound_http.h"
#include "outbound/secret_scrubber.h"
#include "outbound/token_body_redaction.h"
#include "outbound/utf8.h"

namespace datahub::outbound {
namespace {

OAuth2Settings settings() {
  OAuth2Settings s;
  s.token_url = "https://idp.example/token";
  s.client_id = "a+b:c%d \xC3\xA9";
  s.client_secret.value = "s&=cr\xC3\xA9t +";
  return s;
}

std::string header(const TokenRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "(none)";
}

// Form encoding itself: tests/unit/shared/url_encoding_test.cpp.
TEST(FormEncoding, Base64) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(TokenRequest, BasicAuthenticationEncodesIdAndSecretBeforeBase64) {
  auto r = build_token_request(settings());
  EXPECT_EQ(header(r, "Authorization"),
            "Basic " + base64_encode("a%2Bb%3Ac%25d+%C3%A9:s%26%3Dcr%C3%A9t+%2B"));
  EXPECT_EQ(r.content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(r.body, "grant_type=client_credentials");
  EXPECT_EQ(header(r, "Accept"), "application/json");
}

TEST(TokenRequest, BodyAuthenticationAndEveryOptionalParameter) {
  auto s = settings();
  s.client_authentication = ClientAuthentication::Body;
  s.grant_type = GrantType::Password;
  s.username = "svc hub";
  s.password.value = "p@ss word";
  s.scope = "read write";
  s.audience = "https://api.example";
  s.resource = "urn:erp";
  s.extra_params = {{"tenant", "acme"}, {"grant_type", "evil"}};
  auto r = build_token_request(s);
  EXPECT_EQ(header(r, "Authorization"), "(none)");
  EXPECT_EQ(r.body,
            "grant_type=password&username=svc+hub&password=p%40ss+word"
            "&client_id=a%2Bb%3Ac%25d+%C3%A9&client_secret=s%26%3Dcr%C3%A9t+%2B"
            "&scope=read+write&audience=https%3A%2F%2Fapi.example&resource=urn%3Aerp&tenant=acme");
}

TEST(TokenRequest, JsonFormatCarriesTheSameParameters) {
  auto s = settings();
  s.token_request_format = TokenRequestFormat::Json;
  s.client_authentication = ClientAuthentication::Body;
  s.scope = "read";
  auto r = build_token_request(s);
  EXPECT_EQ(r.content_type, "application/json");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body, nlohmann::json({{"grant_type", "client_credentials"},
                                  {"client_id", "a+b:c%d \xC3\xA9"},
                                  {"client_secret", "s&=cr\xC3\xA9t +"},
                                  {"scope", "read"}}));
}

TEST(TokenRequest, ARefreshAuthenticatesTheClientAsTheConfiguredGrant) {
  auto s = settings();
  s.grant_type = GrantType::Password;
  s.password.value = "pw-1234";
  s.scope = "read";
  auto basic = build_refresh_request(s, "rt/1+2");
  EXPECT_EQ(basic.grant, "refresh_token");
  EXPECT_EQ(basic.body, "grant_type=refresh_token&refresh_token=rt%2F1%2B2");
  EXPECT_EQ(header(basic, "Authorization"), header(build_token_request(s), "Authorization"));
  EXPECT_EQ(basic.redacted_body, "grant_type=refresh_token&refresh_token=***");
  s.client_authentication = ClientAuthentication::Body;
  auto body = build_refresh_request(s, "rt/1+2");
  EXPECT_EQ(header(body, "Authorization"), "(none)");
  EXPECT_EQ(body.body,
            "grant_type=refresh_token&refresh_token=rt%2F1%2B2"
            "&client_id=a%2Bb%3Ac%25d+%C3%A9&client_secret=s%26%3Dcr%C3%A9t+%2B");
  EXPECT_EQ(body.redacted_body,
            "grant_type=refresh_token&refresh_token=***&client_id=a%2Bb%3Ac%25d+%C3%A9"
            "&client_secret=***");
}

TEST(TokenRequest, TheRedactedBodyMasksEverySecretParameter) {
  auto s = settings();
  s.client_authentication = ClientAuthentication::Body;
  s.grant_type = GrantType::Password;
  s.username = "svc";
  s.password.value = "pw-1234";
  auto r = build_token_request(s);
  EXPECT_EQ(r.grant, "password");
  EXPECT_EQ(r.redacted_body,
            "grant_type=password&username=svc&password=***&client_id=a%2Bb%3Ac%25d+%C3%A9"
            "&client_secret=***");
  s.token_request_format = TokenRequestFormat::Json;
  EXPECT_EQ(nlohmann::json::parse(build_token_request(s).redacted_body)["password"], "***");
}

TEST(TokenResponse, KeepsTheRefreshToken) {
  auto t = parse_token_response(200, R"({"access_token":"a","refresh_token":"r-1"})", false);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->refresh_token, "r-1");
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a"})", false)->refresh_token, "");
}

TEST(TokenBodyRedaction, MasksTheIssuedTokensAtAnyDepthInTheEndpointsOrder) {
  EXPECT_EQ(redacted_token_body(
                R"({"token_type":"Bearer","access_token":"a1","data":{"id_token":"i","n":1},)"
                R"("refresh_token":"r1","list":[{"access_token":"a2"}],"access_token_x":"keep"})",
                false),
            R"({"token_type":"Bearer","access_token":"***","data":{"id_token":"***","n":1},)"
            R"("refresh_token":"***","list":[{"access_token":"***"}],"access_token_x":"keep"})");
  EXPECT_EQ(redacted_token_body("not json", false), "not json");
  EXPECT_EQ(redacted_token_body(R"({"access_token":"a1"})", true), R"({"access_token":"a1"})")
      << "a cut body is left to the scrubber";
}

TEST(TokenBodyRedaction, MasksTheTokenAtTheConnectorsTokenField) {
  EXPECT_EQ(redacted_token_body(R"({"data":{"token":"t1","ttl":"120"}})", false, "/data/token"),
            R"({"data":{"token":"***","ttl":"120"}})");
  EXPECT_EQ(redacted_token_body(R"({"data":{"token":7}})", false, "/data/token"),
            R"({"data":{"token":7}})")
      << "only a string is a token";
  EXPECT_EQ(redacted_token_body(R"({"data":{}})", false, "/data/token"), R"({"data":{}})");
}

TEST(TokenRequest, PrivateKeyJwtAuthenticatesTheRefreshWithAnAssertionToo) {
  auto s = settings();
  s.client_authentication = ClientAuthentication::PrivateKeyJwt;
  auto r = build_refresh_request(s, "rt", "eyJ.assertion.sig");
  EXPECT_EQ(header(r, "Authorization"), "(none)");
  EXPECT_EQ(r.body,
            "grant_type=refresh_token&refresh_token=rt&client_id=a%2Bb%3Ac%25d+%C3%A9"
            "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-"
            "bearer&client_assertion=eyJ.assertion.sig");
  EXPECT_EQ(r.redacted_body.find("eyJ.assertion.sig"), std::string::npos);
}

TEST(TokenRequest, APublicClientSendsItsIdInTheBody) {
  auto s = settings();
  s.client_secret = {};
  auto r = build_token_request(s);
  EXPECT_EQ(header(r, "Authorization"), "(none)");
  EXPECT_EQ(r.body, "grant_type=client_credentials&client_id=a%2Bb%3Ac%25d+%C3%A9");
}

TEST(TokenResponse, AcceptsTheUsualVariations) {
  auto plain = parse_token_response(
      200, R"({"access_token":"t1","token_type":"Bearer","expires_in":120})", false);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->value, "t1");
  EXPECT_EQ(plain->expires_in.count(), 120);
  auto lower = parse_token_response(
      200, R"({"access_token":"t","token_type":"bearer","expires_in":"90","x":{}})", false);
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(lower->expires_in.count(), 90);
  auto bare = parse_token_response(201, R"({"access_token":"t","scope":"read"})", false);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->expires_in.count(), 3600);
  EXPECT_EQ(bare->scope, "read");
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"t","expires_in":"soon"})", false)
                ->expires_in.count(),
            3600);
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"t","expires_in":59.9})", false)
                ->expires_in.count(),
            59);
}

TEST(TokenResponse, RefusesWhatCannotBeUsed) {
  for (const char* body : {R"({"token_type":"Bearer"})", R"({"access_token":""})",
                           R"({"access_token":7})", R"({"access_token":"t","token_type":"mac"})",
                           R"(["access_token"])", "access_token=t&token_type=bearer", ""}) {
    auto r = parse_token_response(200, body, false);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.problem().type, ProblemType::TokenError);
    EXPECT_EQ(r.problem().status, 502);
    EXPECT_EQ(r.problem().detail.find("access_token=t"), std::string::npos);
  }
  EXPECT_FALSE(parse_token_response(200, R"({"access_token":"t"})", true).ok());
  // The token goes into a header: CR LF would add headers of the token endpoint's choosing.
  for (const char* body : {R"({"access_token":"t\r\nHost: evil"})", R"({"access_token":"t u"})",
                           R"({"access_token":"t\u0000"})"}) {
    auto r = parse_token_response(200, body, false);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.problem().detail.find("evil"), std::string::npos);
  }
}

TEST(TokenResponse, HugeLifetimesAreKeptWithinAYear) {
  constexpr std::int64_t kYear = 365LL * 24 * 3600;
  for (const char* body : {R"({"access_token":"t","expires_in":1e300})",
                           R"({"access_token":"t","expires_in":18446744073709551615})",
                           R"({"access_token":"t","expires_in":"9223372036854775807"})"}) {
    auto r = parse_token_response(200, body, false);
    ASSERT_TRUE(r.ok()) << body;
    EXPECT_EQ(r->expires_in.count(), kYear) << body;
  }
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"t","expires_in":-5})", false)
                ->expires_in.count(),
            0);
}

TEST(TokenResponse, CarriesRfc6749Section52Errors) {
  auto r = parse_token_response(
      401, R"({"error":"invalid_client","error_description":"Client authentication failed"})",
      false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problem().extensions["oauth_error"], "invalid_client");
  EXPECT_EQ(r.problem().extensions["oauth_error_description"], "Client authentication failed");
  auto garbage = parse_token_response(500, "<html>oops</html>", false);
  ASSERT_FALSE(garbage.ok());
  EXPECT_FALSE(garbage.problem().extensions.contains("oauth_error"));
  EXPECT_NE(garbage.problem().detail.find("500"), std::string::npos);
}

TEST(SecretScrubber, MasksSecrets) {
  SecretScrubber s;
  s.add("abc");  // too short to mask
  s.add("token-123456");
  EXPECT_EQ(s.scrub("x token-123456 y abc"), "x *** y abc");
  EXPECT_EQ(s.scrub("tail token-12", false), "tail token-12");
}

// Masking only a cut-off tail that starts a secret would answer, guess by guess, whether text
// a caller had an upstream reflect matches it: a cut drops the same bytes either way.
TEST(SecretScrubber, ACutDropsAFixedTailWhetherItStartsASecretOrNot) {
  const std::string cut_mark = "\xE2\x80\xA6";
  SecretScrubber s;
  s.add("token-123456");  // 12 bytes, the longest form: 11 go at a cut
  const std::string filler(40, 'x');
  const std::string right = s.scrub(filler + "token-12", true);
  const std::string wrong = s.scrub(filler + "zzzzzzzz", true);
  EXPECT_EQ(right, wrong);
  EXPECT_EQ(right, std::string(37, 'x') + cut_mark);
  EXPECT_EQ(s.scrub("token-123456 and then more text", true), "*** and the" + cut_mark);
  EXPECT_EQ(s.scrub("short", true), cut_mark);
  EXPECT_EQ(SecretScrubber().scrub("nothing to hide", true), "nothing to hide");

  s.add(R"(k/y "q" a+b c)");  // its longest form now sets the tail (percent-encoded: 27 bytes)
  EXPECT_EQ(s.scrub(std::string(40, 'x'), true), std::string(14, 'x') + cut_mark);
}

// An upstream may echo a secret escaped: as JSON (PHP writes "/" as "\/"), or URL-encoded.
TEST(SecretScrubber, MasksTheEscapedFormsOfASecret) {
  SecretScrubber s;
  s.add(R"(k/y "q" a+b c)");
  EXPECT_EQ(s.scrub(R"({"echo":"k/y \"q\" a+b c"})"), R"({"echo":"***"})");
  EXPECT_EQ(s.scrub(R"({"echo":"k\/y \"q\" a+b c"})"), R"({"echo":"***"})");
  EXPECT_EQ(s.scrub("/cb?key=k%2Fy%20%22q%22%20a%2Bb%20c"), "/cb?key=***");
  EXPECT_EQ(s.scrub("key=k%2Fy+%22q%22+a%2Bb+c&x=1"), "key=***&x=1");
}

// Encoders write hex digits in either case.
TEST(SecretScrubber, MasksLowerCasePercentEncoding) {
  SecretScrubber s;
  s.add(R"(k/y "q" a+b c)");
  EXPECT_EQ(s.scrub("/cb?key=k%2fy%20%22q%22%20a%2bb%20c"), "/cb?key=***");
  EXPECT_EQ(s.scrub("key=k%2fy+%22q%22+a%2bb+c&x=1"), "key=***&x=1");
}

// JSON with ensure_ascii (Python's default) writes non-ASCII as \u escapes, in either case.
TEST(SecretScrubber, MasksJsonUnicodeEscapes) {
  SecretScrubber s;
  s.add("p\xC3\xA4ssw\xC3\xB6rd/\xF0\x9F\x94\x91");  // "pässwörd/🔑"
  EXPECT_EQ(s.scrub(R"({"echo":"p\u00e4ssw\u00f6rd/\ud83d\udd11"})"), R"({"echo":"***"})");
  EXPECT_EQ(s.scrub(R"({"echo":"p\u00E4ssw\u00F6rd\/\uD83D\uDD11"})"), R"({"echo":"***"})");
  EXPECT_EQ(s.scrub("{\"echo\":\"p\xC3\xA4ssw\xC3\xB6rd/\xF0\x9F\x94\x91\"}"), R"({"echo":"***"})");
}

// An error page may quote a secret HTML-escaped, quotes written as each escaper does.
TEST(SecretScrubber, MasksHtmlEscapedSecrets) {
  SecretScrubber s;
  s.add(R"(a&b<c>"d'e-secret)");
  for (const char* page :
       {"<p>a&amp;b&lt;c&gt;&quot;d&#39;e-secret</p>",
        "<p>a&amp;b&lt;c&gt;&quot;d&#x27;e-secret</p>",
        "<p>a&amp;b&lt;c&gt;&#34;d&#39;e-secret</p>",
        "<p>a&amp;b&lt;c&gt;&quot;d&apos;e-secret</p>",
        "<p>a&amp;b&lt;c&gt;&quot;d&#039;e-secret</p>", "<p>a&amp;b&lt;c&gt;\"d'e-secret</p>"})
    EXPECT_EQ(s.scrub(page), "<p>***</p>") << page;
}

// The token request's Basic credentials are base64("hub:<client secret>"): an echoing token
// endpoint shows the client secret in that form.
TEST(SecretScrubber, TheConnectorsScrubberMasksTheBasicCredentials) {
  Connector c;
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.client_id = "hub";
  c.auth.oauth2.client_secret.value = "S3cr3t-Client-Value";
  const auto s = scrubber_for(c);
  EXPECT_EQ(s.scrub("Authorization: Basic aHViOlMzY3IzdC1DbGllbnQtVmFsdWU="),
            "Authorization: Basic ***");
  EXPECT_EQ(s.scrub("basic=aHViOlMzY3IzdC1DbGllbnQtVmFsdWU%3d"), "basic=***");
  c.auth.oauth2.client_authentication = ClientAuthentication::Body;  // not sent: not a form
  EXPECT_EQ(scrubber_for(c).scrub("aHViOlMzY3IzdC1DbGllbnQtVmFsdWU="),
            "aHViOlMzY3IzdC1DbGllbnQtVmFsdWU=");
}

// Found by an outside attack: a proxy (or its 407 page) echoing the request showed
// Proxy-Authorization, base64 of the proxy's user:password.
TEST(SecretScrubber, TheProxyCredentialsAreMaskedInTheirBasicForm) {
  Connector c;
  c.proxy = {ProxyMode::Custom, "http://127.0.0.1:3128", "pxuser",
             WriteOnly{"PROXYPASS-999", true}};
  EXPECT_EQ(scrubber_for(c).scrub("Proxy-Authorization: Basic cHh1c2VyOlBST1hZUEFTUy05OTk="),
            "Proxy-Authorization: Basic ***");
  c.proxy.mode = ProxyMode::Server;  // not sent: nothing to mask
  EXPECT_EQ(scrubber_for(c).scrub("cHh1c2VyOlBST1hZUEFTUy05OTk="), "cHh1c2VyOlBST1hZUEFTUy05OTk=");
  // The server's own proxy, from --outbound-proxy's URL (percent-encoded there).
  const auto server = proxy_url_secrets("http://srv:p%40ss%20word@proxy.corp:3128");
  EXPECT_EQ(server,
            (std::vector<std::string>{"p@ss word", "p%40ss%20word", "c3J2OnBAc3Mgd29yZA=="}));
  EXPECT_TRUE(proxy_url_secrets("http://proxy.corp:3128").empty());
  EXPECT_TRUE(proxy_url_secrets("http://user@proxy.corp:3128").empty());
}

// A token endpoint's error may quote what it was sent: problems and JSON are scrubbed whole.
TEST(SecretScrubber, MasksProblemsAndJson) {
  SecretScrubber s;
  s.add("client-secret-99");
  Problem p = make_problem(ProblemType::TokenError, "refused client-secret-99");
  p.extensions["oauth_error_description"] = "bad secret client-secret-99";
  Problem clean = s.scrub_problem(p);
  EXPECT_EQ(clean.detail, "refused ***");
  EXPECT_EQ(clean.extensions["oauth_error_description"], "bad secret ***");
  nlohmann::json step = {{"steps", {{{"detail", "x client-secret-99"}, {"status", 401}}}}};
  EXPECT_EQ(s.scrub_json(step)["steps"][0]["detail"], "x ***");
  EXPECT_EQ(s.scrub_json(step)["steps"][0]["status"], 401);
}

TEST(Utf8, ReplacesBrokenSequences) {
  EXPECT_EQ(valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(valid_utf8("cut \xC3"), "cut \xEF\xBF\xBD");
  EXPECT_EQ(valid_utf8("\xFF\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

}  // namespace
}  // namespace datahub::outbound
