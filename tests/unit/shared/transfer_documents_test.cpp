// The export and import requests and the import report: what the backend writes the web reads
// back whole, and the request bodies are the contract's.
#include <gtest/gtest.h>

#include "datahub/transfer_documents.h"

namespace datahub {
namespace {

using nlohmann::json;

TEST(TransferDocuments, TheReportReadsBackWhole) {
  ImportReport report;
  report.created = {{0, "c_a", "ERP"}};
  report.replaced = {{2, "c_b", "PIM"}};
  report.skipped = {{3, "c_c", "CRM"}};
  report.errors.emplace_back(
      1, make_problem(ProblemType::Validation, "1 field is not valid.", {{"name", "is required"}}));
  auto back = import_report_from_json(to_json(report));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->created, report.created);
  EXPECT_EQ(back->replaced, report.replaced);
  EXPECT_EQ(back->skipped, report.skipped);
  ASSERT_EQ(back->errors.size(), 1u);
  EXPECT_EQ(back->errors[0].first, 1u);
  EXPECT_EQ(back->errors[0].second.type, ProblemType::Validation);
  EXPECT_EQ(back->errors[0].second.errors.at(0).field, "name");
}

TEST(TransferDocuments, AnythingElseIsNotAReport) {
  EXPECT_FALSE(import_report_from_json(json::array()));
  EXPECT_FALSE(import_report_from_json(json{{"created", json::array()}}));
  json bad_index = to_json(ImportReport{});
  bad_index["created"] = json::array({{{"index", -1}}});
  EXPECT_FALSE(import_report_from_json(bad_index));
}

TEST(TransferDocuments, RequestBodiesAreTheContracts) {
  EXPECT_EQ(to_json(ExportRequest{}), json::parse(R"({"ids":null,"passphrase":null})"));
  ImportRequest request{json{{"format", "datahub-connectors/1"}}, "correct horse battery",
                        OnConflict::Replace};
  EXPECT_EQ(to_json(request)["on_conflict"], "replace");
  EXPECT_EQ(to_json(request)["passphrase"], "correct horse battery");
  for (auto c : {OnConflict::Fail, OnConflict::Skip, OnConflict::Replace})
    EXPECT_EQ(parse_on_conflict(to_string(c)), c);
  EXPECT_FALSE(parse_on_conflict("merge"));
}

}  // namespace
}  // namespace datahub
