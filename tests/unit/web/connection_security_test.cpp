// The connector form's outbound settings (issue 10) as a user meets them, headless through the
// whole App: collapsed until something is set, the stored certificates described under their
// boxes, the client key write-only, messages (the shared rules' and the server's) under their
// fields, and the test panel saying how each answer came.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "app.h"
#include "app_screen.h"
#include "certificates.h"
#include "datahub/time_format.h"
#include "fake_platform.h"
#include "headless_ui.h"
#include "imgui.h"

namespace datahub::web {
namespace {

using nlohmann::json;
using std::chrono::hours;

constexpr const char* kCertPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

json StoredSecured() {
  return json::parse(
      R"js({"id":"c_2","type":"api","name":"Bank","base_url":"https://bank.example.com",
  "status":"disabled","auth":{"method":"none"},"headers":[],"timeout_ms":30000,
  "tls":{"ca_pem":"-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
         "ca":[{"subject":"CN=Bank Root CA","not_after":"2099-01-01T00:00:00Z"}],
         "client_cert_pem":"-----BEGIN CERTIFICATE-----\nME\n-----END CERTIFICATE-----\n",
         "client_cert":{"subject":"CN=hub-client","issuer":"CN=Bank Root CA",
                        "not_after":"2001-01-01T00:00:00Z"},
         "client_key_set":true},
  "proxy":{"mode":"custom","url":"http://proxy.corp:3128","username":"hub","password_set":true},
  "retry":{"max_attempts":3},"rate_limit":{"requests_per_second":2.5,"burst":5},
  "created_at":"2026-11-29T21:10:15Z","updated_at":"2026-11-29T21:10:15Z","version":2})js");
}

struct SecurityScreen : testing::AppScreen {
  SecurityScreen() : AppScreen(2600) {}  // tall enough for every section open

  void Answer(int status, std::string body) {
    platform.Answer(status, std::move(body));
    Frames();
  }
  void OpenStored() {
    Start("#/connectors/c_2");
    Answer(200, StoredSecured().dump());
  }
};

TEST_F(SecurityScreen, TheSectionsStayClosedOnANewForm) {
  Start("#/connectors/new");
  EXPECT_TRUE(Shows("Connection security"));
  EXPECT_TRUE(Shows("Proxy"));
  EXPECT_TRUE(Shows("Retries and rate limit"));
  EXPECT_FALSE(Shows("CA certificate"));
  EXPECT_FALSE(Shows("Proxy URL"));
  EXPECT_FALSE(Shows("Max attempts"));
}

TEST_F(SecurityScreen, AStoredConnectorOpensWhatIsSetAndDescribesItsCertificates) {
  OpenStored();
  EXPECT_TRUE(Shows("Subject: CN=Bank Root CA"));
  EXPECT_TRUE(Shows("Expires 2099-01-01 00:00 UTC"));
  EXPECT_TRUE(Shows("Subject: CN=hub-client · issued by CN=Bank Root CA"));
  EXPECT_TRUE(Shows("Expired 2001-01-01 00:00 UTC"));
  ExpectUnder("Subject: CN=Bank Root CA", "CA certificate", "Client certificate");
  json mirror = json::parse(ui.Probe().MirrorJsonIfChanged());
  auto value_of = [&](std::string_view label) {
    for (const json& item : mirror)
      if (item.value("label", "") == label) return item.value("value", "");
    return std::string("(absent)");
  };
  int boxes = 0;  // a multi-line field is one item, not also its scrolling child
  for (const ProbeItem& item : ui.Probe().LastFrameItems()) boxes += item.label == "CA certificate";
  EXPECT_EQ(boxes, 1);
  EXPECT_EQ(value_of("Client key"), "stored");
  EXPECT_EQ(value_of("CA certificate"), "1 PEM certificate");
  EXPECT_EQ(value_of("Proxy URL"), "http://proxy.corp:3128");
  EXPECT_EQ(value_of("Proxy password"), "stored");
  EXPECT_EQ(value_of("Max attempts"), "3");
  EXPECT_EQ(value_of("Requests per second"), "2.5");
  EXPECT_EQ(value_of("Burst"), "5");
}

TEST_F(SecurityScreen, AnEditedCertificateIsNotDescribedUntilSaved) {
  OpenStored();
  TypeInto("CA certificate", "x");
  EXPECT_FALSE(Shows("Subject: CN=Bank Root CA"));
  EXPECT_TRUE(Shows("Its subject and expiry show here once saved."));
}

TEST_F(SecurityScreen, UntouchedSecretsStayBehindAndSettingsTravel) {
  OpenStored();
  Click("Max attempts");
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiKey_Backspace, true);
  Frames(1);
  io.AddKeyEvent(ImGuiKey_Backspace, false);
  ui.Type("5", draw);
  Frames();
  Click("Save");
  ASSERT_EQ(platform.pending.size(), 1u);
  json body = json::parse(platform.pending.front().request.body);
  EXPECT_EQ(body["retry"]["max_attempts"], 5);
  EXPECT_EQ(body["rate_limit"]["requests_per_second"], 2.5);
  EXPECT_EQ(body["proxy"]["url"], "http://proxy.corp:3128");
  EXPECT_FALSE(body["tls"].contains("client_key_pem")) << "the stored key is kept, not sent";
  EXPECT_FALSE(body["proxy"].contains("password"));
}

TEST_F(SecurityScreen, AStoredProxyPasswordCanBeRemoved) {
  OpenStored();
  Click("Remove the stored password");
  EXPECT_TRUE(Shows("Keep the stored password")) << "taken back until saved";
  Click("Save");
  ASSERT_EQ(platform.pending.size(), 1u);
  json body = json::parse(platform.pending.front().request.body);
  EXPECT_EQ(body["proxy"]["password"], "") << "API.md: \"\" clears a stored value";
  EXPECT_FALSE(body["tls"].contains("client_key_pem"));
}

TEST_F(SecurityScreen, ACustomProxyWithABadUrlIsToldUnderTheField) {
  Start("#/connectors/new");
  Click("Proxy");
  Click("Custom proxy");
  TypeInto("Proxy URL", "ftp://proxy");
  Press(ImGuiKey_Tab);
  ExpectUnder("Proxy URL must use http or https", "Proxy URL", "Proxy username");
}

TEST_F(SecurityScreen, ACertificateNeedsItsKeyAndTheServersWordLandsUnderTheKey) {
  Start("#/connectors/new");
  TypeInto("Connection name", "Bank");
  TypeInto("Base URL", "https://bank.example.com");
  Click("Connection security");
  TypeInto("Client certificate", kCertPem);
  Click("Create");
  EXPECT_TRUE(platform.pending.empty()) << "the shared rule refuses a certificate without key";
  ExpectUnder("Client key is required with a client certificate", "Client key",
              "Retries and rate limit");
  TypeInto("Client key", "-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----\n");
  Click("Create");
  ASSERT_EQ(platform.pending.size(), 1u);
  json body = json::parse(platform.pending.front().request.body);
  EXPECT_EQ(body["tls"]["client_cert_pem"], kCertPem);
  Answer(422, R"js({"type":"urn:datahub:problem:validation","title":"Validation failed",
    "status":422,"detail":"1 field is not valid.",
    "errors":[{"field":"tls.client_key_pem","message":"is not the key of the client certificate"}]})js");
  ExpectUnder("Client key is not the key of the client certificate", "Client key",
              "Retries and rate limit");
}

TEST_F(SecurityScreen, ARateThatIsNoNumberIsRefusedByTheSharedRule) {
  Start("#/connectors/new");
  Click("Retries and rate limit");
  TypeInto("Requests per second", "1.2.3");
  Press(ImGuiKey_Tab);
  EXPECT_TRUE(Shows("Requests per second must be between 0 and 10000"));
}

TEST_F(SecurityScreen, TheTestPanelSaysHowTheAnswerCame) {
  OpenStored();
  Click("Test connection");
  Answer(200, R"js({"ok":true,"steps":[{"name":"request","ok":true,"status":200,"latency_ms":8,
    "method":"GET","url":"https://bank.example.com","attempts":2,"http_version":"2",
    "via_proxy":"http://proxy.corp:3128","tls":{"version":"TLSv1.3","peer_subject":"CN=bank.example.com",
    "peer_issuer":"CN=Bank Root CA","peer_not_after":"2099-01-01T00:00:00Z"}}]})js");
  EXPECT_TRUE(Shows("HTTP/2 · 2 attempts · via proxy http://proxy.corp:3128"));
  EXPECT_TRUE(Shows("TLS: TLSv1.3"));
  EXPECT_TRUE(Shows("Server certificate: CN=bank.example.com · issued by CN=Bank Root CA"));
}

TEST(CertificateExpiry, AmberWithin30DaysRedOnceExpired) {
  const auto now = *parse_rfc3339_utc("2026-12-01T00:00:00Z");
  EXPECT_EQ(ExpiryOf("2027-06-01T00:00:00Z", now), Expiry::Valid);
  EXPECT_EQ(ExpiryOf("2026-12-20T00:00:00Z", now), Expiry::Soon);
  EXPECT_EQ(ExpiryOf("2026-11-30T00:00:00Z", now), Expiry::Expired);
  EXPECT_EQ(ExpiryOf("soon", now), Expiry::Unknown);
  EXPECT_EQ(ExpiryText("2026-12-20T00:00:00Z", now), "expires 2026-12-20 00:00 UTC (in 19 days)");
  EXPECT_EQ(ExpiryText("2026-12-01T05:00:00Z", now),
            "expires 2026-12-01 05:00 UTC (in less than a day)");
  EXPECT_EQ(ExpiryText("2026-11-30T00:00:00Z", now), "expired 2026-11-30 00:00 UTC");
}

}  // namespace
}  // namespace datahub::web
