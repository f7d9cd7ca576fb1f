// The connection settings of v1.1 (docs/API.md, "TLS, proxy, retries and rate limit") in the model:
// JSON both ways, the rules, and their secrets (client key, proxy password) kept, dropped and
// guarded by the origin rule like every other secret, from the one table (secret_fields.h).
#include <gtest/gtest.h>

#include "datahub/auth_methods.h"
#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "datahub/secret_fields.h"
#include "test_connectors.h"

namespace datahub {
namespace {

using testing::valid_connector;

// The message under `field`, "" when there is none.
std::string said(const std::vector<FieldError>& errors, const std::string& field) {
  return testing::message_for(errors, field).value_or("");
}
constexpr const char* kCert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
constexpr const char* kKey = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

Connector with_everything() {
  Connector c = valid_connector();
  c.tls.ca_pem = kCert;
  c.tls.client_cert_pem = kCert;
  c.tls.client_key_pem = WriteOnly{kKey, false};
  c.proxy = {ProxyMode::Custom, "http://proxy.corp:3128", "svc", WriteOnly{"proxy-pass", false}};
  c.retry.max_attempts = 3;
  c.rate_limit = {2.5, 5};
  return c;
}

TEST(ConnectorTransport, ResponseShowsSettingsAndOnlyWhetherSecretsAreSet) {
  Connector c = with_everything();
  merge_write_only(c, Connector{});
  const auto j = to_response_json(c);
  EXPECT_EQ(j["tls"]["ca_pem"], kCert);
  EXPECT_EQ(j["tls"]["client_key_set"], true);
  EXPECT_FALSE(j["tls"].contains("client_key_pem"));
  EXPECT_EQ(j["proxy"], (nlohmann::json{{"mode", "custom"},
                                        {"url", "http://proxy.corp:3128"},
                                        {"username", "svc"},
                                        {"password_set", true}}));
  EXPECT_EQ(j["retry"]["max_attempts"], 3);
  EXPECT_EQ(j["rate_limit"]["requests_per_second"], 2.5);
  EXPECT_EQ(j.dump().find("proxy-pass"), std::string::npos);
  EXPECT_EQ(j.dump().find("PRIVATE KEY"), std::string::npos);
}

TEST(ConnectorTransport, RequestFormRoundTrips) {
  const Connector c = with_everything();
  auto back = connector_from_json(to_request_json(c));
  ASSERT_TRUE(back.ok()) << back.problem().detail;
  EXPECT_EQ(back->tls, c.tls);
  EXPECT_EQ(back->proxy, c.proxy);
  EXPECT_EQ(back->retry, c.retry);
  EXPECT_EQ(back->rate_limit, c.rate_limit);
}

TEST(ConnectorTransport, DefaultsAreServerProxyOneAttemptNoLimit) {
  auto c = connector_from_json({{"name", "n"}, {"base_url", "https://api.example.com"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->proxy.mode, ProxyMode::Server);
  EXPECT_EQ(c->retry.max_attempts, 1);
  EXPECT_EQ(c->rate_limit.requests_per_second, 0);
  EXPECT_TRUE(validate(*c).empty());
}

TEST(ConnectorTransport, BadInputNamesEveryBrokenField) {
  Connector c = valid_connector();
  c.tls.ca_pem = "not a pem";
  c.tls.client_cert_pem = std::string(kMaxPemBytes + 1, 'x');
  c.proxy = {ProxyMode::Custom, "http://proxy.corp:3128/path", "a:b", {}};
  c.retry.max_attempts = 6;
  c.rate_limit = {-1, 20000};
  const auto errors = validate(c);
  EXPECT_NE(said(errors, "tls.ca_pem").find("BEGIN CERTIFICATE"), std::string::npos);
  EXPECT_EQ(said(errors, "tls.client_cert_pem"), "must be at most 64 KiB");
  EXPECT_EQ(said(errors, "tls.client_key_pem"), "is required with a client certificate");
  EXPECT_NE(said(errors, "proxy.url").find("no path"), std::string::npos);
  EXPECT_EQ(said(errors, "proxy.username"), "must not contain ':'");
  EXPECT_EQ(said(errors, "retry.max_attempts"), "must be between 1 and 5");
  EXPECT_EQ(said(errors, "rate_limit.requests_per_second"), "must be between 0 and 10000");
  EXPECT_EQ(said(errors, "rate_limit.burst"), "must be between 0 and 10000");

  c = valid_connector();
  c.proxy.mode = ProxyMode::Custom;
  EXPECT_EQ(said(validate(c), "proxy.url"), "is required for a custom proxy");
  c.proxy.url = "socks5://proxy:1080";
  EXPECT_FALSE(said(validate(c), "proxy.url").empty());
  c.tls.client_cert_pem = kCert;
  c.tls.client_key_pem = WriteOnly{"-----BEGIN ENCRYPTED PRIVATE KEY-----\n", false};
  EXPECT_NE(said(validate(c), "tls.client_key_pem").find("encrypted"), std::string::npos);

  // Found by an outside attack: a combined certificate + key file pasted as a certificate
  // was stored and shown back in clear.
  for (const char* key_block : {"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
                                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"}) {
    c = valid_connector();
    c.tls.ca_pem = std::string(kCert) + key_block;
    c.tls.client_cert_pem = std::string(kCert) + key_block;
    c.tls.client_key_pem = WriteOnly{"-----BEGIN PRIVATE KEY-----\nMIIE\n", false};
    const auto combined = validate(c);
    EXPECT_NE(said(combined, "tls.ca_pem").find("only certificates"), std::string::npos);
    EXPECT_NE(said(combined, "tls.client_cert_pem").find("only certificates"), std::string::npos);
  }
  c = valid_connector();
  c.tls.client_key_pem = WriteOnly{"-----BEGIN PRIVATE KEY-----\nMIIE\n", false};
  EXPECT_NE(said(validate(c), "tls.client_key_pem").find("client certificate"), std::string::npos);
  c = valid_connector();
  c.rate_limit = {1, 0.5};  // a bucket that never holds one request
  EXPECT_EQ(said(validate(c), "rate_limit.burst"), "must be 0 (the rate) or at least 1");

  auto parsed = parse_connector_json({{"proxy", {{"mode", "socks"}}}});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(said(parsed->errors, "proxy.mode"), "must be one of: server, none, custom");
}

TEST(ConnectorTransport, SecretsAreKeptDroppedWithTheirSectionAndBoundToTheProxy) {
  Connector stored = with_everything();
  merge_write_only(stored, Connector{});

  Connector edit = stored;  // a PUT that sends no secret keeps both
  edit.tls.client_key_pem = {};
  edit.proxy.password = {};
  EXPECT_TRUE(secrets_left_behind(edit, stored).empty());
  merge_write_only(edit, stored);
  EXPECT_EQ(edit.tls.client_key_pem.value, kKey);
  EXPECT_EQ(edit.proxy.password.value, "proxy-pass");

  Connector moved = stored;  // the proxy moves: its password must come again
  moved.proxy.url = "http://elsewhere.example:3128";
  moved.proxy.password = {};
  moved.tls.client_key_pem = {};
  moved.base_url = "https://other.example.com";  // the client key never travels: it stays
  const auto left = secrets_left_behind(moved, stored);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].field, "proxy.password");

  Connector off = stored;  // no client certificate, no custom proxy: their secrets go
  off.tls.client_cert_pem.clear();
  off.tls.client_key_pem = {};
  off.proxy.mode = ProxyMode::Server;
  off.proxy.password = {};
  merge_write_only(off, stored);
  EXPECT_FALSE(off.tls.client_key_pem.present());
  EXPECT_FALSE(off.proxy.password.present());
}

// Every row of the table is walked by the codec: a secret the table names is never written in
// a response and always read from a request.
TEST(SecretFields, TheCodecWalksEveryRow) {
  // An auth method's secrets are in use only under it (issue 11): each method in turn.
  for (const auto& m : auth_methods()) {
    Connector c = with_everything();
    c.auth.method = m.method;
    for (const auto& f : secret_fields())
      if (f.in_use(c)) f.of(c) = WriteOnly{std::string(f.path) + "-secret-1", false};
    auto back = connector_from_json(to_request_json(c));
    ASSERT_TRUE(back.ok());
    merge_write_only(c, Connector{});
    const std::string response = to_response_json(c).dump();
    for (const auto& f : secret_fields()) {
      if (!f.in_use(c)) continue;
      EXPECT_EQ(f.of(*back).value, f.of(c).value) << f.path;
      EXPECT_EQ(response.find(*f.of(c).value), std::string::npos) << f.path;
      EXPECT_NE(response.find("\"" + std::string(f.set_flag) + "\":true"), std::string::npos)
          << f.path;
    }
  }
}

}  // namespace
}  // namespace datahub
