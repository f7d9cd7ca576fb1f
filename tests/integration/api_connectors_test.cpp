// Create, read, update, delete, activate, disable and history through the real server.
#include <thread>

#include "api_fixture.h"

namespace datahub::testing {
namespace {

TEST_F(ApiTest, CreateAnswers201WithLocationEtagAndTheStoredConnector) {
  Reply r = post("/api/connectors", no_auth_connector("ERP production"));
  ASSERT_EQ(r.status, 201) << r.raw;
  const std::string id = r.body["id"];
  EXPECT_EQ(r.header("Location"), "/api/connectors/" + id);
  EXPECT_EQ(r.header("ETag"), "\"1\"");
  EXPECT_EQ(r.body["name"], "ERP production");
  EXPECT_EQ(r.body["type"], "api");
  EXPECT_EQ(r.body["status"], "disabled");
  EXPECT_EQ(r.body["version"], 1);
  EXPECT_EQ(r.body["timeout_ms"], 30000);
  EXPECT_EQ(r.body["created_at"], r.body["updated_at"]);
  EXPECT_EQ(r.body["auth"]["method"], "none");

  Reply read = get("/api/connectors/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body, r.body);
  EXPECT_EQ(read.header("ETag"), "\"1\"");
}

TEST_F(ApiTest, CreateMayStartActive) {
  json body = no_auth_connector("Active one");
  body["status"] = "active";
  EXPECT_EQ(create(body)["status"], "active");
}

TEST_F(ApiTest, DuplicateNameIsRefusedCaseInsensitivelyOnTheNameField) {
  create(no_auth_connector("ERP production"));
  Reply r = post("/api/connectors", no_auth_connector("  erp PRODUCTION "));
  ASSERT_EQ(r.status, 409) << r.raw;
  EXPECT_EQ(r.body["type"], "urn:datahub:problem:name-taken");
  ASSERT_EQ(r.body["errors"].size(), 1u);
  EXPECT_EQ(r.body["errors"][0]["field"], "name");
}

TEST_F(ApiTest, UnknownConnectorIs404Problem) {
  Reply r = get("/api/connectors/c_doesnotexist");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(r.body["type"], "urn:datahub:problem:not-found");
}

TEST_F(ApiTest, PutNeedsIfMatchAndRefusesAStaleVersion) {
  json c = create(no_auth_connector("ERP"));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  json edit = no_auth_connector("ERP renamed", "https://erp.example.com/v3");

  Reply missing = put(path, edit);
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(missing.body["type"], "urn:datahub:problem:precondition-required");

  Reply ok = put(path, edit, {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.header("ETag"), "\"2\"");
  EXPECT_EQ(ok.body["name"], "ERP renamed");
  EXPECT_EQ(ok.body["base_url"], "https://erp.example.com/v3");
  EXPECT_EQ(ok.body["created_at"], c["created_at"]);

  Reply stale = put(path, edit, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.body["type"], "urn:datahub:problem:precondition-failed");
  EXPECT_EQ(get(path).body["version"], 2);

  Reply any = put(path, no_auth_connector("ERP any"), {{"If-Match", "*"}});
  EXPECT_EQ(any.status, 200);
  EXPECT_EQ(any.body["version"], 3);
}

TEST_F(ApiTest, PutCannotChangeStatusOrServerOwnedFields) {
  json c = create(no_auth_connector("ERP"));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  json edit = no_auth_connector("ERP");
  edit["status"] = "active";
  Reply r = put(path, edit, {{"If-Match", "\"1\""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["errors"][0]["field"], "status");

  json sneaky = no_auth_connector("ERP");
  sneaky["id"] = "c_other";
  sneaky["version"] = 99;
  sneaky["created_at"] = "2000-01-01T00:00:00Z";
  Reply ok = put(path, sneaky, {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["id"], c["id"]);
  EXPECT_EQ(ok.body["version"], 2);
  EXPECT_EQ(ok.body["created_at"], c["created_at"]);
}

TEST_F(ApiTest, RenamingOntoAnotherNameIs409ButChangingOwnCaseWorks) {
  create(no_auth_connector("PIM"));
  json c = create(no_auth_connector("ERP"));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  EXPECT_EQ(put(path, no_auth_connector("pim"), {{"If-Match", "\"1\""}}).status, 409);
  Reply ok = put(path, no_auth_connector("erp"), {{"If-Match", "\"1\""}});
  EXPECT_EQ(ok.status, 200) << ok.raw;
  EXPECT_EQ(ok.body["name"], "erp");
}

TEST_F(ApiTest, ActivateAndDisableAreIdempotent) {
  json c = create(no_auth_connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  Reply a1 = post(base + "/activate", json::object());
  ASSERT_EQ(a1.status, 200) << a1.raw;
  EXPECT_EQ(a1.body["status"], "active");
  EXPECT_EQ(a1.body["version"], 2);
  Reply a2 = post(base + "/activate", json::object());
  EXPECT_EQ(a2.body["version"], 2);
  Reply d = post(base + "/disable", json::object(), {{"If-Match", "\"2\""}});
  EXPECT_EQ(d.status, 200);
  EXPECT_EQ(d.body["status"], "disabled");
  EXPECT_EQ(d.header("ETag"), "\"3\"");
  EXPECT_EQ(post(base + "/activate", json::object(), {{"If-Match", "\"2\""}}).status, 412);
  EXPECT_EQ(post("/api/connectors/c_missing/activate", json::object()).status, 404);
}

TEST_F(ApiTest, DeleteIsIrreversibleAndHonoursIfMatch) {
  json c = create(no_auth_connector("ERP"));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  EXPECT_EQ(del(path, {{"If-Match", "\"7\""}}).status, 412);
  EXPECT_EQ(get(path).status, 200);
  EXPECT_EQ(del(path).status, 204);
  EXPECT_EQ(get(path).status, 404);
  EXPECT_EQ(del(path).status, 404);
  // The name is free again.
  EXPECT_EQ(post("/api/connectors", no_auth_connector("ERP")).status, 201);
}

TEST_F(ApiTest, HistoryListsEveryActionNewestFirst) {
  json c = create(no_auth_connector("ERP"));
  const std::string base = "/api/connectors/" + c["id"].get<std::string>();
  ASSERT_EQ(put(base, no_auth_connector("ERP 2"), {{"If-Match", "\"1\""}}).status, 200);
  ASSERT_EQ(post(base + "/activate", json::object()).status, 200);
  ASSERT_EQ(post(base + "/disable", json::object()).status, 200);
  Reply h = get(base + "/history");
  ASSERT_EQ(h.status, 200) << h.raw;
  const auto& items = h.body["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["action"], "disabled");
  EXPECT_EQ(items[1]["action"], "activated");
  EXPECT_EQ(items[2]["action"], "updated");
  EXPECT_EQ(items[3]["action"], "created");
  EXPECT_EQ(items[2]["version"], 2);
  bool saw_name = false;
  for (const auto& change : items[2]["changes"]) {
    if (change["field"] == "name") {
      saw_name = true;
      EXPECT_EQ(change["from"], "ERP");
      EXPECT_EQ(change["to"], "ERP 2");
    }
  }
  EXPECT_TRUE(saw_name) << items[2].dump();

  ASSERT_EQ(del(base).status, 204);
  Reply after = get(base + "/history");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body["items"][0]["action"], "deleted");
  EXPECT_EQ(get("/api/connectors/c_never/history").status, 404);
}

TEST_F(ApiTest, TwoClientsWithTheSameEtagGetOne200AndOne412) {
  json c = create(no_auth_connector("ERP"));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  int statuses[2] = {0, 0};
  std::thread threads[2];
  for (int i = 0; i < 2; ++i) {
    threads[i] = std::thread([&, i] {
      auto cli = m_server->client();
      auto r =
          cli->Put(path, {{"If-Match", "\"1\""}},
                   no_auth_connector("ERP by " + std::to_string(i)).dump(), "application/json");
      statuses[i] = r ? r->status : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::min(statuses[0], statuses[1]), 200);
  EXPECT_EQ(std::max(statuses[0], statuses[1]), 412);
  EXPECT_EQ(get(path).body["version"], 2);
}

TEST_F(ApiTest, RestartKeepsEverything) {
  json a = create(oauth_connector("ERP", "s3cret-value"));
  json b = create(no_auth_connector("PIM"));
  restart();
  Reply ra = get("/api/connectors/" + a["id"].get<std::string>());
  ASSERT_EQ(ra.status, 200);
  EXPECT_EQ(ra.body, a);
  EXPECT_EQ(get("/api/connectors").body["total"], 2);
  EXPECT_EQ(get("/api/connectors/" + b["id"].get<std::string>() + "/history").body["items"].size(),
            1u);
  // Secrets still decrypt: a PUT keeping them passes the client-credentials rule.
  json keep = oauth_connector("ERP", "x");
  keep["auth"].erase("client_secret");
  Reply r = put("/api/connectors/" + a["id"].get<std::string>(), keep, {{"If-Match", "\"1\""}});
  EXPECT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["auth"]["client_secret_set"], true);
}

TEST_F(ApiTest, EveryReadShowsTheLatestChange) {
  json c = create(no_auth_connector("ERP"));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  EXPECT_EQ(get(path).body["version"], 1);  // a read before each change
  ASSERT_EQ(put(path, no_auth_connector("ERP 2"), {{"If-Match", "\"1\""}}).status, 200);
  Reply after_put = get(path);
  EXPECT_EQ(after_put.body["name"], "ERP 2");
  EXPECT_EQ(after_put.header("ETag"), "\"2\"");
  ASSERT_EQ(post(path + "/activate", json::object()).status, 200);
  EXPECT_EQ(get(path).body["status"], "active");
  ASSERT_EQ(post(path + "/disable", json::object()).status, 200);
  EXPECT_EQ(get(path).body["status"], "disabled");
  ASSERT_EQ(del(path).status, 204);
  EXPECT_EQ(get(path).status, 404);
}

}  // namespace
}  // namespace datahub::testing
