// Export and import between two servers: the document round-trips, secrets travel only sealed
// under a passphrase, imported connectors start disabled, conflicts follow on_conflict, and a
// bad document or passphrase writes nothing.
#include "api_fixture.h"

namespace datahub::testing {
namespace {

const std::string kSecret = "SECRET-transfer-51ac";
const std::string kPassphrase = "correct horse battery staple";

class TransferApiTest : public ApiTest {
 protected:
  json export_all(const json& body = json::object()) {
    Reply r = post("/api/connectors/export", body);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }
  Reply import(const json& document, const json& extra = json::object()) {
    json body = extra;
    body["document"] = document;
    return post("/api/connectors/import", body);
  }
  std::vector<json> all_connectors() {
    return get("/api/connectors?limit=500").body["items"].get<std::vector<json>>();
  }
  // Wipes this server's connectors, as a new environment would have none.
  void delete_all() {
    for (const auto& c : all_connectors()) {
      Reply r = del("/api/connectors/" + c["id"].get<std::string>(), {{"If-Match", "*"}});
      ASSERT_EQ(r.status, 204) << r.raw;
    }
  }
};

// What an export says about connectors, without what differs between servers.
json definitions(json document) {
  for (auto& c : document["connectors"]) c.erase("sealed_secrets");
  return document["connectors"];
}

TEST_F(TransferApiTest, ExportImportExportGivesTheSameConnectorsAndStartsThemDisabled) {
  create(oauth_connector("ERP", kSecret));
  json crm = no_auth_connector("CRM");
  crm["retry"] = {{"max_attempts", 3}};
  ASSERT_EQ(
      post("/api/connectors/" + create(crm)["id"].get<std::string>() + "/activate", json::object())
          .status,
      200);

  const json first = export_all();
  const json sealed = export_all({{"passphrase", kPassphrase}});
  EXPECT_EQ(first["format"], "datahub-connectors/1");
  EXPECT_TRUE(first["exported_at"].is_string());
  ASSERT_EQ(first["connectors"].size(), 2u);
  EXPECT_EQ(first.dump().find(kSecret), std::string::npos) << "no secret without a passphrase";
  EXPECT_FALSE(first.contains("sealed"));

  delete_all();
  Reply strict = import(first);  // on_conflict fail (the default): one broken entry stops all
  EXPECT_EQ(strict.status, 422) << strict.raw;
  EXPECT_TRUE(all_connectors().empty());
  Reply imported = import(first, {{"on_conflict", "skip"}});
  ASSERT_EQ(imported.status, 200) << imported.raw;
  EXPECT_EQ(imported.body["created"].size(), 1u) << imported.raw;  // the CRM
  ASSERT_EQ(imported.body["errors"].size(), 1u) << "ERP needs its secret back";
  EXPECT_EQ(imported.body["errors"][0]["index"], 1);  // exports are ordered by name
  EXPECT_EQ(imported.body["errors"][0]["problem"]["errors"][0]["field"], "auth.client_secret")
      << imported.raw;

  // With a passphrase, secrets travel sealed and everything comes back.
  EXPECT_EQ(sealed.dump().find(kSecret), std::string::npos) << "sealed, not in clear";
  EXPECT_EQ(sealed["sealed"]["kdf"], "argon2id13");
  delete_all();
  const json before = definitions(sealed);
  Reply back = import(sealed, {{"passphrase", kPassphrase}});
  ASSERT_EQ(back.status, 200) << back.raw;
  EXPECT_EQ(back.body["created"].size(), 2u) << back.raw;
  EXPECT_TRUE(back.body["errors"].empty()) << back.raw;
  for (const auto& c : all_connectors()) {
    EXPECT_EQ(c["status"], "disabled") << c.dump();
    if (c["name"] == "ERP") {
      EXPECT_EQ(c["auth"]["client_secret_set"], true);
    }
  }
  const json again = export_all({{"passphrase", kPassphrase}});
  EXPECT_EQ(definitions(again), before) << "export -> import -> export gives the same connectors";
}

TEST_F(TransferApiTest, ConflictsFollowOnConflictAndFailWritesNothing) {
  create(no_auth_connector("ERP", "https://old.example.com/api"));
  json document = {
      {"format", "datahub-connectors/1"},
      {"connectors",
       {no_auth_connector("erp", "https://new.example.com/api"), no_auth_connector("PIM")}}};
  Reply fail = import(document);  // fail is the default
  EXPECT_EQ(fail.status, 409) << fail.raw;
  EXPECT_EQ(fail.body["errors"][0]["field"], "document.connectors[0].name") << fail.raw;
  EXPECT_EQ(all_connectors().size(), 1u) << "nothing imported";

  Reply skip = import(document, {{"on_conflict", "skip"}});
  ASSERT_EQ(skip.status, 200) << skip.raw;
  EXPECT_EQ(skip.body["skipped"][0]["name"], "erp");
  EXPECT_EQ(skip.body["created"][0]["name"], "PIM");
  EXPECT_EQ(all_connectors().size(), 2u);

  document["connectors"].erase(1);
  Reply replace = import(document, {{"on_conflict", "replace"}});
  ASSERT_EQ(replace.status, 200) << replace.raw;
  ASSERT_EQ(replace.body["replaced"].size(), 1u) << replace.raw;
  const json erp =
      get("/api/connectors/" + replace.body["replaced"][0]["id"].get<std::string>()).body;
  EXPECT_EQ(erp["base_url"], "https://new.example.com/api");
  EXPECT_EQ(erp["status"], "disabled");
}

TEST_F(TransferApiTest, ReplacingAnActiveConnectorDisablesItInTheSameChange) {
  const std::string id = create(no_auth_connector("ERP", "https://old.example.com/api"))["id"];
  ASSERT_EQ(post("/api/connectors/" + id + "/activate", json::object()).status, 200);
  json document = {
      {"format", "datahub-connectors/1"},
      {"connectors", json::array({no_auth_connector("erp", "https://new.example.com")})}};
  Reply replace = import(document, {{"on_conflict", "replace"}});
  ASSERT_EQ(replace.status, 200) << replace.raw;
  ASSERT_EQ(replace.body["replaced"].size(), 1u) << replace.raw;
  EXPECT_TRUE(replace.body["errors"].empty()) << replace.raw;
  const Reply erp = get("/api/connectors/" + id);
  EXPECT_EQ(erp.body["base_url"], "https://new.example.com");
  EXPECT_EQ(erp.body["status"], "disabled");
  EXPECT_EQ(erp.body["version"], 3) << "created, activated, then one change for the import";
}

TEST_F(TransferApiTest, BadDocumentsAndPassphrasesAreClearProblemsBeforeAnyWrite) {
  create(oauth_connector("ERP", kSecret));
  const json sealed = export_all({{"passphrase", kPassphrase}});
  delete_all();

  auto expect_422 = [&](const json& document, const json& extra, const std::string& field) {
    Reply r = import(document, extra);
    EXPECT_EQ(r.status, 422) << r.raw;
    EXPECT_EQ(r.body["errors"][0]["field"], field) << r.raw;
    EXPECT_TRUE(all_connectors().empty()) << "nothing written for " << field;
  };
  expect_422(sealed, {{"passphrase", "the wrong passphrase!"}}, "passphrase");
  expect_422(sealed, json::object(), "passphrase");
  expect_422(json{{"hello", "world"}}, json::object(), "document");
  json newer = sealed;
  newer["format"] = "datahub-connectors/2";
  expect_422(newer, {{"passphrase", kPassphrase}}, "document.format");
  json twice = sealed;
  twice["connectors"].push_back(twice["connectors"][0]);
  twice["connectors"][1]["name"] = "erp";  // the same name, another case
  twice["connectors"][1].erase("sealed_secrets");
  expect_422(twice, {{"passphrase", kPassphrase}}, "document.connectors[1].name");
  json moved = sealed;
  moved["connectors"][0]["name"] = "ERP renamed";  // its sealed secrets belong to "ERP"
  expect_422(moved, {{"passphrase", kPassphrase}}, "document.connectors[0].sealed_secrets");
  json costly = sealed;
  costly["sealed"]["memlimit"] = 1ull << 40;  // a hostile document asking for 1 TiB
  expect_422(costly, {{"passphrase", kPassphrase}}, "document.sealed");

  EXPECT_EQ(post("/api/connectors/export", {{"passphrase", "short"}}).status, 422);
  EXPECT_EQ(
      post("/api/connectors/export", {{"ids", {"c_nosuchconnector"}}}).body["errors"][0]["field"],
      "ids[0]");
  const std::string id = create(no_auth_connector("Twice"))["id"];
  Reply repeated = post("/api/connectors/export", {{"ids", json::array({id, id})}});
  EXPECT_EQ(repeated.status, 422) << "a file with one connector twice would not import";
  EXPECT_EQ(repeated.body["errors"][0]["field"], "ids[1]");
  EXPECT_EQ(repeated.body["errors"][0]["message"], "repeats ids[0]");
  EXPECT_EQ(import(sealed, {{"on_conflict", "merge"}}).status, 422);
  EXPECT_EQ(post("/api/connectors/import", json::array()).status, 400);
}

}  // namespace
}  // namespace datahub::testing
