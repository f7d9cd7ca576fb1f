#include "connector_history.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

Connector sample() {
  Connector c;
  c.id = "c_1";
  c.name = "ERP";
  c.base_url = "https://erp.example.com";
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.token_url = "https://idp.example.com/token";
  c.auth.oauth2.client_id = "hub";
  c.auth.oauth2.client_secret = {std::string("first-secret"), true};
  c.headers.push_back({"X-API-Key", {std::string("key-one"), true}, true});
  return c;
}

TEST(ConnectorHistoryTest, NamesEachChangedFieldWithItsValues) {
  Connector before = sample(), after = sample();
  after.name = "ERP prod";
  after.timeout_ms = 5000;
  after.version = 7;  // server-owned: not a change
  const auto changes = diff_connectors(before, after);
  ASSERT_EQ(changes.size(), 2u) << changes.dump();
  EXPECT_EQ(changes[0]["field"], "name");
  EXPECT_EQ(changes[0]["from"], "ERP");
  EXPECT_EQ(changes[0]["to"], "ERP prod");
  EXPECT_EQ(changes[1]["field"], "timeout_ms");
}

TEST(ConnectorHistoryTest, SecretChangesReadChangedAndNeverShowValues) {
  Connector before = sample(), after = sample();
  after.auth.oauth2.client_secret.value = "second-secret";
  after.headers[0].value.value = "key-two";
  const auto changes = diff_connectors(before, after);
  const std::string text = changes.dump();
  for (const char* secret : {"first-secret", "second-secret", "key-one", "key-two"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  ASSERT_EQ(changes.size(), 2u) << text;
  EXPECT_EQ(changes[0]["field"], "auth.client_secret");
  EXPECT_EQ(changes[0]["to"], "(changed)");
  EXPECT_EQ(changes[1]["field"], "headers.X-API-Key.value");
}

TEST(ConnectorHistoryTest, UnchangedConnectorHasNoChanges) {
  EXPECT_TRUE(diff_connectors(sample(), sample()).empty());
}

TEST(ConnectorHistoryTest, InitialFieldsNeverHoldSecrets) {
  const std::string text = initial_fields(sample()).dump();
  EXPECT_NE(text.find("\"name\""), std::string::npos);
  EXPECT_EQ(text.find("first-secret"), std::string::npos);
  EXPECT_EQ(text.find("key-one"), std::string::npos);
}

}  // namespace
}  // namespace datahub::backend
