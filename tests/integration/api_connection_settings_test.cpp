// The v1.1 connection settings through the API: TLS material read by the server (422 under the
// field when it is not usable, subjects and expiry in answers), and the client key and proxy
// password as write-only as every other secret: never in an answer, the log or the raw store.
#include "api_fixture.h"
#include "test_certificates.h"

namespace datahub::testing {
namespace {

const std::string kProxySentinel = "SENTINEL-proxy-5b1e";

class ConnectionSettingsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(make_certificates(m_certs.path(), "localhost"));
    ASSERT_TRUE(make_client_certificate(m_certs.path()));
    m_files = certificate_files(m_certs.path());
  }

  json with_settings(const std::string& name) {
    return {{"name", name},
            {"base_url", "https://api.example.com"},
            {"tls",
             {{"ca_pem", read_file(m_files.ca)},
              {"client_cert_pem", read_file(m_files.client_cert)},
              {"client_key_pem", read_file(m_files.client_key)}}},
            {"proxy",
             {{"mode", "custom"},
              {"url", "http://proxy.corp.example:3128"},
              {"username", "svc"},
              {"password", kProxySentinel}}},
            {"retry", {{"max_attempts", 3}}},
            {"rate_limit", {{"requests_per_second", 10}, {"burst", 20}}}};
  }

  TempDir m_certs;
  CertificateFiles m_files;
};

TEST_F(ConnectionSettingsTest, AnswersDescribeTheCertificatesAndHideTheSecrets) {
  Reply r = post("/api/connectors", with_settings("Secure ERP"));
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["tls"]["client_key_set"], true);
  EXPECT_EQ(r.body["proxy"]["password_set"], true);
  EXPECT_EQ(r.raw.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(r.raw.find(kProxySentinel), std::string::npos);
  EXPECT_NE(r.body["tls"]["client_cert"]["subject"].get<std::string>().find("CN=Test Client"),
            std::string::npos)
      << r.raw;
  EXPECT_FALSE(r.body["tls"]["client_cert"]["not_after"].get<std::string>().empty());
  ASSERT_EQ(r.body["tls"]["ca"].size(), 1u) << r.raw;
  EXPECT_EQ(r.body["retry"]["max_attempts"], 3);

  // A PUT that leaves the secrets out keeps them; moving the proxy asks for its password again.
  json edit = with_settings("Secure ERP");
  edit["tls"].erase("client_key_pem");
  edit["proxy"].erase("password");
  const std::string path = "/api/connectors/" + r.body["id"].get<std::string>();
  Reply kept = put(path, edit, {{"If-Match", "\"1\""}});
  ASSERT_EQ(kept.status, 200) << kept.raw;
  EXPECT_EQ(kept.body["tls"]["client_key_set"], true);
  edit["proxy"]["url"] = "http://elsewhere.example:3128";
  Reply moved = put(path, edit, {{"If-Match", "\"2\""}});
  EXPECT_EQ(moved.status, 422) << moved.raw;
  EXPECT_EQ(moved.body["errors"][0]["field"], "proxy.password") << moved.raw;

  ASSERT_EQ(m_server->stop(), 0);
  EXPECT_EQ(m_server->output().find(kProxySentinel), std::string::npos);
  const std::string raw = read_file(m_config.data_dir + "/data.mdb");
  EXPECT_EQ(raw.find(kProxySentinel), std::string::npos);
  EXPECT_EQ(raw.find(read_file(m_files.client_key).substr(40, 40)), std::string::npos);
}

TEST_F(ConnectionSettingsTest, UnusableTlsMaterialAndBadSettingsAre422UnderEachField) {
  json body = with_settings("Broken");
  body["tls"]["ca_pem"] = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  body["tls"]["client_key_pem"] = read_file(m_files.server_key);  // not the client cert's key
  body["proxy"]["url"] = "http://proxy.corp.example:3128/path";
  body["retry"]["max_attempts"] = 9;
  body["rate_limit"]["requests_per_second"] = -1;
  Reply r = post("/api/connectors", body);
  ASSERT_EQ(r.status, 422) << r.raw;
  std::map<std::string, std::string> errors;
  for (const auto& e : r.body["errors"]) errors[e["field"]] = e["message"];
  EXPECT_EQ(errors["tls.ca_pem"], "is not PEM certificates that can be read");
  EXPECT_EQ(errors["tls.client_key_pem"], "is not the key of the client certificate");
  EXPECT_TRUE(errors.count("proxy.url"));
  EXPECT_TRUE(errors.count("retry.max_attempts"));
  EXPECT_TRUE(errors.count("rate_limit.requests_per_second"));

  body = with_settings("Encrypted key");
  body["tls"]["client_key_pem"] = read_file(m_files.client_key_encrypted_legacy);
  r = post("/api/connectors", body);
  ASSERT_EQ(r.status, 422) << r.raw;
  EXPECT_NE(r.raw.find("is encrypted"), std::string::npos) << r.raw;
}

}  // namespace
}  // namespace datahub::testing
