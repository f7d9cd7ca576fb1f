// The Data Hub's Export and Import dialogs: their view state against a fake transport (what is
// sent, what is saved, how answers and refusals read), and the dialogs drawn through the App.
#include "transfer_state.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app_screen.h"
#include "fake_platform.h"
#include "imgui.h"

namespace datahub::web {
namespace {

using nlohmann::json;

constexpr const char* kDocument =
    R"({"format":"datahub-connectors/1","exported_at":"2026-12-06T06:00:00Z",)"
    R"("sealed":{"kdf":"argon2id13"},"connectors":[{"name":"ERP"},{"name":"Shop"}]})";

const char* kValidation = "urn:datahub:problem:validation";

std::string FieldProblem(const char* field, const char* message) {
  return json({{"type", kValidation},
               {"title", "Validation failed"},
               {"status", 422},
               {"detail", "1 field is not valid."},
               {"errors", {{{"field", field}, {"message", message}}}}})
      .dump();
}

struct Fixture {
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  Toasts toasts;
  ExportDialogState exporter{api, platform, toasts};
  ImportDialogState importer{api, platform};

  json SentBody() const { return json::parse(platform.pending.back().request.body); }
};

TEST(ExportDialog, FileIsNamedByTheExportDate) {
  EXPECT_EQ(ExportFileName("2026-12-06T06:00:00Z"), "datahub-connectors-2026-12-06.json");
}

TEST(ExportDialog, ShortPassphraseIsRefusedBeforeSending) {
  Fixture f;
  f.exporter.Open();
  f.exporter.passphrase = "elevenchars";  // 11
  f.exporter.Submit();
  EXPECT_TRUE(f.platform.pending.empty());
  EXPECT_EQ(f.exporter.PassphraseError(),
            "must be at least 12 characters, or empty to leave the secrets out");
  EXPECT_TRUE(f.exporter.TakePassphraseFocus());
  // Characters, not bytes: twelve accented letters are enough, eleven are not.
  f.exporter.passphrase = "ééééééééééé";
  f.exporter.Submit();
  EXPECT_TRUE(f.platform.pending.empty());
  f.exporter.passphrase += "é";
  f.exporter.Submit();
  ASSERT_EQ(f.platform.pending.size(), 1u);
  EXPECT_TRUE(f.exporter.PassphraseError().empty());
}

TEST(ExportDialog, WithoutPassphraseExportsAllAndSavesTheDocumentAsSent) {
  Fixture f;
  f.exporter.Open();
  f.exporter.Submit();
  ASSERT_EQ(f.platform.pending.size(), 1u);
  EXPECT_EQ(f.platform.pending.back().request.method, "POST");
  EXPECT_EQ(f.platform.pending.back().request.url, "/api/connectors/export");
  EXPECT_EQ(f.SentBody(), json::parse(R"({"ids":null,"passphrase":null})"));
  EXPECT_TRUE(f.exporter.Busy());
  const std::string doc = std::string(kDocument) + "\n";
  f.platform.Answer(200, doc);
  ASSERT_EQ(f.platform.saved.size(), 1u);
  EXPECT_EQ(f.platform.saved[0].name, "datahub-connectors-2026-12-06.json");
  EXPECT_EQ(f.platform.saved[0].mime, "application/json");
  EXPECT_EQ(f.platform.saved[0].content, doc) << "byte for byte";
  EXPECT_TRUE(f.exporter.TakeDone());
  EXPECT_FALSE(f.exporter.TakeDone());
  EXPECT_FALSE(f.exporter.Busy());
}

TEST(ExportDialog, PassphraseGoesInTheBody) {
  Fixture f;
  f.exporter.Open();
  f.exporter.passphrase = "correct horse battery";
  f.exporter.Submit();
  EXPECT_EQ(f.SentBody()["passphrase"], "correct horse battery");
}

TEST(ExportDialog, ServerRefusalsShowUnderTheFieldOrAsAProblem) {
  Fixture f;
  f.exporter.Open();
  f.exporter.Submit();
  f.platform.Answer(422, FieldProblem("passphrase", "is too short"));
  EXPECT_EQ(f.exporter.PassphraseError(), "is too short");
  EXPECT_FALSE(f.exporter.Error());
  f.exporter.Submit();
  f.platform.Answer(503, R"({"type":"urn:datahub:problem:busy","title":"Busy","status":503,
    "detail":"Try again in a second."})");
  ASSERT_TRUE(f.exporter.Error());
  EXPECT_EQ(f.exporter.Error()->status, 503);
  EXPECT_TRUE(f.exporter.PassphraseError().empty());
  EXPECT_TRUE(f.platform.saved.empty());
  EXPECT_FALSE(f.exporter.TakeDone());
}

TEST(ExportDialog, AnswerToADialogClosedAndOpenedAgainIsDropped) {
  Fixture f;
  f.exporter.Open();
  f.exporter.Submit();
  f.exporter.Open();
  f.platform.Answer(200, kDocument);
  EXPECT_TRUE(f.platform.saved.empty());
  EXPECT_FALSE(f.exporter.TakeDone());
}

TEST(ImportDialog, DeeplyNestedFileIsRefusedWithAMessage) {
  Fixture f;
  f.importer.Open();
  f.importer.ChooseFile();
  f.platform.PickFile("nested.json", std::string(5000, '[') + std::string(5000, ']'));
  EXPECT_EQ(f.importer.FileError(),
            "“nested.json” is nested too deeply to be an export. Choose a file saved by Export.");
  EXPECT_FALSE(f.importer.HasDocument());
}

TEST(ImportDialog, FileThatIsNotJsonIsRefusedBeforeSending) {
  Fixture f;
  f.importer.Open();
  f.importer.ChooseFile();
  EXPECT_EQ(f.platform.choosing_accept, ".json,application/json");
  f.platform.PickFile("notes.txt", "name,url\nERP,https://erp\n");
  EXPECT_EQ(f.importer.FileName(), "notes.txt");
  EXPECT_EQ(f.importer.FileError(),
            "“notes.txt” is not a JSON file. Choose a file saved by Export.");
  EXPECT_FALSE(f.importer.HasDocument());
  f.importer.Submit();
  EXPECT_TRUE(f.platform.pending.empty());
}

TEST(ImportDialog, JsonThatIsNotAnExportOrTooLargeIsRefused) {
  Fixture f;
  f.importer.Open();
  f.importer.FileChosen({"list.json", 2, "[]"});
  EXPECT_NE(f.importer.FileError().find("not a Data Hub export"), std::string::npos);
  f.importer.FileChosen({"huge.json", 5.0 * 1024 * 1024, ""});
  EXPECT_NE(f.importer.FileError().find("larger than the 1 MiB"), std::string::npos);
  EXPECT_FALSE(f.importer.HasDocument());
}

TEST(ImportDialog, SubmitWithoutFileAsksForOne) {
  Fixture f;
  f.importer.Open();
  f.importer.Submit();
  EXPECT_EQ(f.importer.FileError(), "Choose an export file first.");
  EXPECT_TRUE(f.platform.pending.empty());
}

TEST(ImportDialog, SendsTheDocumentPassphraseAndConflictChoice) {
  Fixture f;
  f.importer.Open();
  f.importer.ChooseFile();
  f.platform.PickFile("export.json", kDocument);
  EXPECT_TRUE(f.importer.FileError().empty());
  f.importer.passphrase = "correct horse battery";
  f.importer.on_conflict = OnConflict::Skip;
  f.importer.Submit();
  ASSERT_EQ(f.platform.pending.size(), 1u);
  EXPECT_EQ(f.platform.pending.back().request.url, "/api/connectors/import");
  json body = f.SentBody();
  EXPECT_EQ(body["document"], json::parse(kDocument));
  EXPECT_EQ(body["passphrase"], "correct horse battery");
  EXPECT_EQ(body["on_conflict"], "skip");
}

TEST(ImportDialog, ReportNamesEntriesAndReloadsTheListOnce) {
  Fixture f;
  f.importer.Open();
  f.importer.FileChosen({"export.json", 10, kDocument});
  f.importer.Submit();
  f.platform.Answer(200, R"({"created":[{"index":0,"id":"c_1","name":"ERP"}],"replaced":[],
    "skipped":[],"errors":[{"index":1,"problem":{"type":"urn:datahub:problem:validation",
    "title":"Validation failed","status":422,"detail":"1 field is not valid.",
    "errors":[{"field":"auth.client_secret","message":"is required"}]}}]})");
  ASSERT_TRUE(f.importer.Report());
  const ImportReport& r = *f.importer.Report();
  ASSERT_EQ(r.created.size(), 1u);
  EXPECT_EQ(r.created[0].name, "ERP");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(f.importer.EntryLabel(r.errors[0].first), "Entry 1 “Shop”");
  EXPECT_EQ(r.errors[0].second.title, "Validation failed");
  EXPECT_EQ(ImportDialogState::FieldText(r.errors[0].second.errors[0]),
            "Client secret is required");
  EXPECT_TRUE(f.importer.TakeImported());
  EXPECT_FALSE(f.importer.TakeImported());
}

TEST(ImportDialog, NothingWrittenNothingReloaded) {
  Fixture f;
  f.importer.Open();
  f.importer.FileChosen({"export.json", 10, kDocument});
  f.importer.Submit();
  f.platform.Answer(200, R"({"created":[],"replaced":[],"skipped":[{"index":0,"id":"c_1",
    "name":"ERP"}],"errors":[]})");
  EXPECT_TRUE(f.importer.Report());
  EXPECT_FALSE(f.importer.TakeImported());
}

TEST(ImportDialog, PassphraseRefusalIsSaidUnderTheFieldOnly) {
  Fixture f;
  f.importer.Open();
  f.importer.FileChosen({"export.json", 10, kDocument});
  f.importer.Submit();
  f.platform.Answer(422, FieldProblem("passphrase", "does not open this document's secrets"));
  EXPECT_EQ(f.importer.PassphraseError(), "does not open this document's secrets");
  EXPECT_TRUE(f.importer.TakePassphraseFocus());
  EXPECT_FALSE(f.importer.Error()) << "said once, under the field";
  EXPECT_FALSE(f.importer.Report());
}

// Entry 1's own line ("1 field is not valid.") is left out: its field's line says more.
TEST(ImportDialog, DocumentRefusalsReadInAPersonsWords) {
  Fixture f;
  f.importer.Open();
  f.importer.FileChosen({"export.json", 10, kDocument});
  f.importer.Submit();
  f.platform.Answer(
      422,
      json({{"type", kValidation},
            {"title", "Validation failed"},
            {"status", 422},
            {"detail", "4 fields are not valid."},
            {"errors",
             {{{"field", "document.connectors[1]"}, {"message", "1 field is not valid."}},
              {{"field", "document.connectors[1].auth.client_secret"}, {"message", "is required"}},
              {{"field", "document.connectors[0]"}, {"message", "1 field is not valid."}},
              {{"field", "document.format"}, {"message", "is newer than this server's"}}}}})
          .dump());
  ASSERT_TRUE(f.importer.Error());
  EXPECT_EQ(f.importer.DocumentErrors(),
            (std::vector<std::string>{"Entry 1 “Shop”: Client secret is required",
                                      "Entry 0 “ERP”: 1 field is not valid.",
                                      "The file's “format” is newer than this server's"}));
  EXPECT_FALSE(f.importer.TakeImported());
}

// The dialogs as the App draws them over the Data Hub (the shared App fixture, 1280x800).
struct TransferScreen : testing::AppScreen {
  TransferScreen() : AppScreen(800) {}
  void SetUp() override {
    Start("#/connectors");
    platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
    Frames();
  }
};

TEST_F(TransferScreen, ExportOpensWithThePassphraseFocusedAndEscapeCloses) {
  Click("Export…");
  ASSERT_TRUE(Item("Export connectors"));
  ASSERT_TRUE(Item("Passphrase"));
  EXPECT_TRUE(Item("Passphrase")->focused);
  ImGui::GetIO().AddKeyEvent(ImGuiKey_Escape, true);
  Frames(1);
  ImGui::GetIO().AddKeyEvent(ImGuiKey_Escape, false);
  Frames();
  EXPECT_FALSE(Item("Export connectors"));
}

TEST_F(TransferScreen, SuccessfulImportReloadsTheList) {
  Click("Import…");
  ASSERT_TRUE(Item("Import connectors"));
  EXPECT_TRUE(Item("Choose file…")->focused);
  Click("Choose file…");
  platform.PickFile("export.json", kDocument);
  Frames();
  EXPECT_TRUE(Item("export.json"));
  Click("Import");
  ASSERT_EQ(platform.pending.size(), 1u);
  platform.Answer(200, R"({"created":[{"index":0,"id":"c_1","name":"ERP"},
    {"index":1,"id":"c_2","name":"Shop"}],"replaced":[],"skipped":[],"errors":[]})");
  Frames();
  EXPECT_TRUE(Item("2 created · 0 replaced · 0 skipped · 0 not imported"));
  EXPECT_TRUE(
      Item("Imported connectors start Disabled: activate each one once its connection works."));
  ASSERT_EQ(platform.pending.size(), 1u) << "the list reloads";
  EXPECT_NE(platform.pending.back().request.url.find("/api/connectors?"), std::string::npos);
  EXPECT_TRUE(Item("Close"));
}

}  // namespace
}  // namespace datahub::web
