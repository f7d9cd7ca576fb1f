// Every row of the secret table (datahub/secret_fields.h) is handled by every path that must
// know secrets: the JSON codec, the PUT merge, the record codec's encryption, the history's
// "(changed)", the outbound scrubber and the origin rule. Table-driven: a secret added as a row
// is held to all of them without a line of this file changing.
#include <gtest/gtest.h>

#include <string>

#include "connector_history.h"
#include "datahub/auth_methods.h"
#include "datahub/connector.h"
#include "datahub/connector_json.h"
#include "datahub/secret_fields.h"
#include "outbound/connector_request.h"
#include "store/record_codec.h"
#include "store/secret_box.h"

namespace datahub::backend {
namespace {

// A connector with every section that holds a secret in use, and the auth method that uses
// `row` (the auth methods' secrets are each in use only under their own method).
Connector with_every_section(const SecretField& row) {
  Connector c;
  c.id = "c_secretTable000000001";
  c.type = "api";
  c.name = "Secrets";
  c.base_url = "https://erp.example.com/api";
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.token_url = "https://idp.example.com/token";
  c.auth.oauth2.client_id = "client";
  c.tls.client_cert_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  c.proxy.mode = ProxyMode::Custom;
  c.proxy.url = "http://proxy.example.com:3128";
  c.proxy.username = "proxy-user";
  c.auth.api_key.name = "X-API-Key";
  for (const auto& m : auth_methods()) {
    if (row.in_use(c)) break;
    c.auth.method = m.method;
  }
  return c;
}

std::string marker_for(const SecretField& f) {
  return "S3cr3t-" + std::string(f.path) + "-7f2a9c";
}

// "auth.client_secret" -> "/auth"; the set flag sits in that object.
std::string parent_pointer(std::string_view path) {
  std::string pointer = "/" + std::string(path.substr(0, path.rfind('.')));
  for (auto& ch : pointer) ch = ch == '.' ? '/' : ch;
  return pointer;
}

class SecretTable : public ::testing::TestWithParam<std::size_t> {
 protected:
  const SecretField& field() const { return secret_fields()[GetParam()]; }
  Connector stored() const {
    Connector c = with_every_section(field());
    field().of(c) = WriteOnly{marker_for(field()), true};
    return c;
  }
};

TEST_P(SecretTable, TheResponseSaysItIsSetAndNeverShowsIt) {
  const auto json = to_response_json(stored());
  EXPECT_EQ(json.dump().find(marker_for(field())), std::string::npos) << json.dump();
  const auto parent = json.at(nlohmann::json::json_pointer(parent_pointer(field().path)));
  EXPECT_EQ(parent.at(std::string(field().set_flag)), true) << json.dump();
}

TEST_P(SecretTable, APutWithoutItKeepsItAndAnEmptyStringClearsIt) {
  Connector incoming = with_every_section(field());  // the value absent: not sent again
  merge_write_only(incoming, stored());
  EXPECT_EQ(field().of(incoming).value, marker_for(field()));
  Connector clearing = with_every_section(field());
  field().of(clearing) = WriteOnly{std::string(), false};
  merge_write_only(clearing, stored());
  EXPECT_FALSE(field().of(clearing).present());
}

TEST_P(SecretTable, TheRecordHoldsItSealedAndGivesItBack) {
  SecretKey key{};
  key.fill(3);
  SecretBox box(key);
  auto bytes = encode_record(stored(), box);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->find(marker_for(field())), std::string::npos);
  auto decoded = decode_record(*bytes, box);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(field().of(*decoded).value, marker_for(field()));
}

TEST_P(SecretTable, HistorySaysChangedWithoutEitherValue) {
  Connector after = stored();
  field().of(after).value = marker_for(field()) + "-new";
  const auto diff = diff_connectors(stored(), after).dump();
  EXPECT_NE(diff.find("(changed)"), std::string::npos) << diff;
  EXPECT_NE(diff.find(std::string(field().path)), std::string::npos) << diff;
  EXPECT_EQ(diff.find(marker_for(field())), std::string::npos) << diff;
}

TEST_P(SecretTable, AnAnswerEchoingItIsScrubbedUnlessItNeverTravels) {
  const auto scrubbed = outbound::scrubber_for(stored()).scrub("echo: " + marker_for(field()));
  if (field().binding == SecretBinding::Local) GTEST_SKIP() << "never sent, so never echoed";
  EXPECT_EQ(scrubbed.find(marker_for(field())), std::string::npos) << scrubbed;
}

// Where the secret goes moves to another origin: a kept value is refused under its path.
TEST_P(SecretTable, MovingWhereItGoesNeedsItAgain) {
  Connector incoming = with_every_section(field());
  switch (field().binding) {
    case SecretBinding::BaseOrigin:
      incoming.base_url = "https://attacker.example.net/api";
      break;
    case SecretBinding::TokenOrigin:
      incoming.auth.oauth2.token_url = "https://attacker.example.net/token";
      break;
    case SecretBinding::ProxyOrigin:
      incoming.proxy.url = "http://attacker.example.net:3128";
      break;
    case SecretBinding::Local:
      incoming.base_url = "https://elsewhere.example.net/api";  // a key proves, never travels
      break;
  }
  bool named = false;
  for (const auto& e : secrets_left_behind(incoming, stored())) named |= e.field == field().path;
  EXPECT_EQ(named, field().binding != SecretBinding::Local);
}

INSTANTIATE_TEST_SUITE_P(EveryRow, SecretTable,
                         ::testing::Range<std::size_t>(0, secret_fields().size()),
                         [](const auto& row) {
                           const auto& f = secret_fields()[row.param];
                           std::string name(f.path);
                           for (auto& ch : name) ch = ch == '.' ? '_' : ch;
                           // Two methods name a password alike: the later row's method tells
                           // them apart.
                           for (const auto& g : secret_fields())
                             if (&g < &f && g.path == f.path)
                               return name + "_" + to_string(with_every_section(f).auth.method);
                           return name;
                         });

}  // namespace
}  // namespace datahub::backend
