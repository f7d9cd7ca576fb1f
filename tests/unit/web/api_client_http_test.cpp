#include "api_client_http.h"

#include <gtest/gtest.h>

#include <optional>

#include "fake_platform.h"

namespace datahub::web {
namespace {

struct Fixture {
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  std::optional<Result<ConnectorPage>> answer;

  void List(const ListQuery& query) {
    api.ListConnectors(query, [this](Result<ConnectorPage> r) { answer.emplace(std::move(r)); });
  }
};

std::string Header(const HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

// The session cookie goes by itself (same origin); the page adds no credential of its own.
TEST(HttpApiClient, ListSendsTheQueryAndNoCredential) {
  Fixture f;
  f.api.SetCsrfToken("csrf-1");
  f.List({"erp prod", "active", 50, "", "", 0, ""});
  ASSERT_EQ(f.platform.pending.size(), 1u);
  const HttpRequest& r = f.platform.pending.front().request;
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url, "/api/connectors?limit=50&q=erp%20prod&status=active");
  EXPECT_EQ(Header(r, "Authorization"), "");
  EXPECT_EQ(Header(r, "X-CSRF-Token"), "") << "a GET needs none";
}

TEST(HttpApiClient, UnsafeMethodsCarryTheCsrfToken) {
  Fixture f;
  f.api.SetCsrfToken("csrf-1");
  f.api.DeleteConnector("c_1", [](Result<Done>) {});
  f.api.SetConnectorStatus("c_1", ConnectorStatus::Active, [](Result<ConnectorDoc>) {});
  ASSERT_EQ(f.platform.pending.size(), 2u);
  EXPECT_EQ(Header(f.platform.pending[0].request, "X-CSRF-Token"), "csrf-1");
  EXPECT_EQ(Header(f.platform.pending[1].request, "X-CSRF-Token"), "csrf-1");
  f.api.SetCsrfToken("");  // signed out: nothing is sent
  f.api.DeleteConnector("c_1", [](Result<Done>) {});
  EXPECT_EQ(Header(f.platform.pending[2].request, "X-CSRF-Token"), "");
}

TEST(HttpApiClient, A401ElsewhereSaysTheSessionEnded) {
  Fixture f;
  f.List({});
  EXPECT_FALSE(f.api.TakeSessionLost());
  f.platform.Answer(401, "");
  EXPECT_TRUE(f.api.TakeSessionLost());
  EXPECT_FALSE(f.api.TakeSessionLost()) << "said once";
  // A wrong password is an answer of the sign-in, not a session that ended.
  f.api.SignIn("ada", "wrong", [](Result<SessionInfo>) {});
  f.platform.Answer(401, "");
  EXPECT_FALSE(f.api.TakeSessionLost());
}

TEST(HttpApiClient, ListReadsThePage) {
  Fixture f;
  f.List({});
  f.platform.Answer(200, R"({"items":[{"id":"c_1","type":"api","name":"ERP","base_url":
    "https://erp.example.com","status":"active","updated_at":"2026-11-29T21:10:15Z"}],
    "next_cursor":null,"total":1})");
  ASSERT_TRUE(f.answer && f.answer->ok());
  ASSERT_EQ(f.answer->value().items.size(), 1u);
  EXPECT_EQ(f.answer->value().items[0].name, "ERP");
  EXPECT_EQ(f.answer->value().items[0].status, "active");
  EXPECT_EQ(f.answer->value().total, 1);
  EXPECT_EQ(f.answer->value().next_cursor, "");
}

TEST(HttpApiClient, ProblemDocumentsKeepTheServersWords) {
  Fixture f;
  f.List({});
  f.platform.Answer(401, R"({"type":"urn:datahub:problem:unauthorized","title":"Unauthorized",
    "status":401,"detail":"A valid admin token is required."})");
  ASSERT_TRUE(f.answer && !f.answer->ok());
  EXPECT_EQ(f.answer->problem().type, ProblemType::Unauthorized);
  EXPECT_EQ(f.answer->problem().detail, "A valid admin token is required.");
}

TEST(HttpApiClient, UnreachableAndNonProblemAnswersStillSaySomethingUseful) {
  Fixture f;
  f.List({});
  f.platform.Answer(0, "");
  ASSERT_TRUE(f.answer && !f.answer->ok());
  EXPECT_EQ(f.answer->problem().status, 0);
  EXPECT_NE(f.answer->problem().detail.find("cannot be reached"), std::string::npos);

  f.answer.reset();
  f.List({});
  f.platform.Answer(404, "<html>File not found</html>");
  ASSERT_TRUE(f.answer && !f.answer->ok());
  EXPECT_EQ(f.answer->problem().status, 404);
  EXPECT_FALSE(f.answer->problem().detail.empty());
}

}  // namespace
}  // namespace datahub::web
