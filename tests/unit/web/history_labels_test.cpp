#include "history_labels.h"

#include <gtest/gtest.h>

namespace datahub::web {
namespace {

TEST(HistoryLabelsTest, FieldsReadAsTheFormLabelsThem) {
  EXPECT_EQ(FieldLabel("name"), "Connection name");
  EXPECT_EQ(FieldLabel("base_url"), "Base URL");
  EXPECT_EQ(FieldLabel("auth.token_url"), "Access token URL");
  EXPECT_EQ(FieldLabel("auth.client_id"), "Client ID");
  EXPECT_EQ(FieldLabel("auth.client_secret"), "Client secret");
  EXPECT_EQ(FieldLabel("auth.password_set"), "Password stored");
  EXPECT_EQ(FieldLabel("auth.extra_params.tenant"), "Extra parameter tenant");
}

TEST(HistoryLabelsTest, OutboundSettingsReadAsTheFormLabelsThem) {
  EXPECT_EQ(FieldLabel("tls.ca_pem"), "CA certificate");
  EXPECT_EQ(FieldLabel("tls.client_key_pem"), "Client key");
  EXPECT_EQ(FieldLabel("proxy.password_set"), "Proxy password stored");
  EXPECT_EQ(FieldLabel("rate_limit.burst"), "Burst");
  // A proxy's "none" is not an authentication's.
  EXPECT_EQ(ChangeText({"proxy.mode", "server", "none"}), "Proxy: Server default → None");
  EXPECT_EQ(ChangeText({"retry.max_attempts", "1", "3"}), "Max attempts: 1 → 3");
  std::vector<HistoryChange> changes = {{"retry.max_attempts", "1", "3"},
                                        {"proxy.url", "—", "http://p:3128"},
                                        {"headers[0].name", "—", "X-Key"},
                                        {"tls.ca_pem", "", "-----BEGIN"}};
  SortInFormOrder(changes);
  EXPECT_EQ(changes.front().field, "headers[0].name");
  EXPECT_EQ(changes.back().field, "retry.max_attempts");
}

// The static methods' fields and values in the form's words; "basic" is a method's "Basic" and a
// client authentication's "Basic header".
TEST(HistoryLabelsTest, StaticAuthMethodsReadAsTheFormLabelsThem) {
  EXPECT_EQ(FieldLabel("auth.in"), "Send in");
  EXPECT_EQ(FieldLabel("auth.name"), "Name");
  EXPECT_EQ(FieldLabel("auth.value"), "Key");
  EXPECT_EQ(FieldLabel("auth.value_set"), "Key stored");
  EXPECT_EQ(FieldLabel("auth.token"), "Token");
  EXPECT_EQ(FieldLabel("auth.token_set"), "Token stored");
  EXPECT_EQ(ValueLabel("auth.method", "api_key"), "API key");
  EXPECT_EQ(ValueLabel("auth.method", "basic"), "Basic");
  EXPECT_EQ(ValueLabel("auth.method", "bearer"), "Bearer token");
  EXPECT_EQ(ValueLabel("auth.client_authentication", "basic"), "Basic header");
  EXPECT_EQ(ValueLabel("auth.in", "query"), "Query parameter");
  EXPECT_EQ(ChangeText({"auth.method", "none", "bearer"}),
            "Authentication: No Auth → Bearer token");
  EXPECT_EQ(ChangeText({"auth.token", "(changed)", "(changed)"}), "Token: changed");
  EXPECT_EQ(ChangeText({"auth.in", "header", "query"}), "Send in: Header → Query parameter");
}

TEST(HistoryLabelsTest, OAuthOptionsReadAsTheFormLabelsThem) {
  EXPECT_EQ(FieldLabel("auth.private_key"), "Private key");
  EXPECT_EQ(FieldLabel("auth.private_key_set"), "Private key stored");
  EXPECT_EQ(FieldLabel("auth.signing_alg"), "Algorithm");
  EXPECT_EQ(FieldLabel("auth.key_id"), "Key ID");
  EXPECT_EQ(FieldLabel("auth.token_field"), "Token field");
  EXPECT_EQ(FieldLabel("auth.expires_field"), "Expiry field");
  EXPECT_EQ(FieldLabel("auth.default_lifetime_s"), "Default lifetime (s)");
  EXPECT_EQ(FieldLabel("auth.expired_statuses[1]"), "Statuses that mean the token expired");
  EXPECT_EQ(ValueLabel("auth.client_authentication", "private_key_jwt"), "Private key JWT");
}

TEST(HistoryLabelsTest, HeadersAreNumberedFromOneOrNamed) {
  EXPECT_EQ(FieldLabel("headers[0].name"), "Header 1: name");
  EXPECT_EQ(FieldLabel("headers[2].value_set"), "Header 3: value stored");
  EXPECT_EQ(FieldLabel("headers[11].secret"), "Header 12: secret");
  EXPECT_EQ(FieldLabel("headers.X-API-Key.value"), "Header X-API-Key: value");
}

TEST(HistoryLabelsTest, UnknownPathsAreShownAsTheyAre) {
  EXPECT_EQ(FieldLabel("something.new"), "something.new");
  EXPECT_EQ(FieldLabel("headers[0].other"), "headers[0].other");
  EXPECT_EQ(FieldLabel("headers[1"), "headers[1");
  EXPECT_EQ(FieldLabel("headers"), "headers");
}

TEST(HistoryLabelsTest, ValuesReadAsTheFormShowsThem) {
  EXPECT_EQ(ValueLabel("auth.method", "oauth2"), "OAuth 2.0");
  EXPECT_EQ(ValueLabel("auth.method", "none"), "No Auth");
  EXPECT_EQ(ValueLabel("auth.grant_type", "password"), "Password grant");
  EXPECT_EQ(ValueLabel("status", "disabled"), "Disabled");
  EXPECT_EQ(ValueLabel("headers[0].secret", "true"), "yes");
  EXPECT_EQ(ValueLabel("auth.client_secret_set", "false"), "no");
  // Text that reads "true" stays text.
  EXPECT_EQ(ValueLabel("headers[0].value", "true"), "true");
  EXPECT_EQ(ValueLabel("auth.scope", "false"), "false");
  // Only enum fields translate: a name that happens to be "json" stays as typed.
  EXPECT_EQ(ValueLabel("name", "json"), "json");
}

TEST(HistoryLabelsTest, ChangeLinesForEditsCreationsAndSecrets) {
  EXPECT_EQ(ChangeText({"base_url", "https://a.example", "https://b.example"}),
            "Base URL: https://a.example → https://b.example");
  EXPECT_EQ(ChangeText({"auth.client_id", "—", "erp"}), "Client ID: erp");
  EXPECT_EQ(ChangeText({"auth.client_secret", "(changed)", "(changed)"}), "Client secret: changed");
  EXPECT_EQ(ChangeText({"status", "active", "disabled"}), "Status: Active → Disabled");
}

TEST(HistoryLabelsTest, ChangesComeInTheFormsOrder) {
  std::vector<HistoryChange> changes = {{"timeout_ms", "—", "30000"},
                                        {"headers[0].name", "—", "X-Key"},
                                        {"auth.extra_params.tenant", "—", "acme"},
                                        {"result", "—", "ok"},
                                        {"name", "—", "ERP"},
                                        {"auth.client_id", "—", "hub"},
                                        {"type", "—", "api"}};
  SortInFormOrder(changes);
  std::vector<std::string> fields;
  for (const auto& c : changes) fields.push_back(c.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"type", "name", "timeout_ms", "auth.client_id",
                                      "auth.extra_params.tenant", "headers[0].name", "result"}));
}

// The API sorts paths as text: header rows are put back in number order, parts as the form has.
TEST(HistoryLabelsTest, HeaderRowsComeInNumberOrder) {
  std::vector<HistoryChange> changes = {{"headers[10].name", "—", "K"},
                                        {"headers[1].secret", "—", "false"},
                                        {"headers[1].name", "—", "B"},
                                        {"headers[2].value", "—", "c"},
                                        {"headers[2].name", "—", "C"}};
  SortInFormOrder(changes);
  std::vector<std::string> fields;
  for (const auto& c : changes) fields.push_back(c.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"headers[1].name", "headers[1].secret", "headers[2].name",
                                      "headers[2].value", "headers[10].name"}));
}

}  // namespace
}  // namespace datahub::web
