// What a problem looks like on the wire (http_io.h).
#include "http_io.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace datahub::backend {
namespace {

TEST(WriteProblem, AnInternalErrorsDetailStaysInTheLog) {
  // A store's failure quotes the database (tables, rows, settings): not the caller's to read.
  httplib::Response res;
  write_problem(res, make_problem(ProblemType::Internal,
                                  "store: writing a record: ERROR:  cannot execute INSERT in a "
                                  "read-only transaction (relation \"connectors\")"));
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("connectors"), std::string::npos) << res.body;
  EXPECT_EQ(res.body.find("INSERT"), std::string::npos) << res.body;
  const auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["type"], "urn:datahub:problem:internal");
  EXPECT_EQ(body["detail"], "An internal error occurred; the server's log has the reason.");
}

TEST(WriteProblem, OtherProblemsKeepTheirDetailAndFields) {
  httplib::Response res;
  write_problem(res, make_problem(ProblemType::Validation, "1 field is not valid.",
                                  {{"name", "is required"}}));
  EXPECT_EQ(res.status, 422);
  const auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["detail"], "1 field is not valid.");
  EXPECT_EQ(body["errors"][0]["field"], "name");
}

}  // namespace
}  // namespace datahub::backend
