// A connector's health through the API: a failing test, a token endpoint that refuses a data
// request and an upstream answering 503 make it failing (with the reason); a working request
// makes it ok; the list filters and sorts by it; it survives a restart; and it is not a change
// (no new version, the ETag an editor holds stays good).
#include <chrono>
#include <thread>

#include "token_peers_fixture.h"

namespace datahub::testing {
namespace {

class HealthApiTest : public TokenPeersApiTest {
 protected:
  json health_of(const std::string& id) {
    Reply r = get("/api/connectors/" + id);
    EXPECT_EQ(r.status, 200);
    return r.body["health"];
  }

  int ping(const std::string& id) {
    return post("/api/connectors/" + id + "/request", {{"method", "GET"}, {"path", "/ping"}})
        .status;
  }

  std::vector<std::string> listed(const std::string& query) {
    Reply r = get("/api/connectors?" + query);
    EXPECT_EQ(r.status, 200) << query;
    std::vector<std::string> names;
    for (const auto& item : r.body["items"]) names.push_back(item["name"]);
    return names;
  }
};

TEST_F(HealthApiTest, UnknownUntilSomethingHappens) {
  const std::string id = active_connector("Fresh", "/token");
  const json health = health_of(id);
  EXPECT_EQ(health["state"], "unknown");
  EXPECT_TRUE(health["last_test_at"].is_null());
  EXPECT_TRUE(health["last_failure"].is_null());
  Reply list = get("/api/connectors");
  EXPECT_EQ(list.body["items"][0]["health"]["state"], "unknown") << "list items carry it too";
}

TEST_F(HealthApiTest, ATestSetsItAndAWorkingRequestMendsIt) {
  const std::string id = active_connector("Erp", "/token");
  m_upstream_status = 503;
  Reply test = post("/api/connectors/" + id + "/test", {{"method", "GET"}, {"path", "/ping"}});
  ASSERT_EQ(test.status, 200);
  ASSERT_FALSE(test.body["ok"].get<bool>());
  json health = health_of(id);
  EXPECT_EQ(health["state"], "failing");
  EXPECT_EQ(health["last_test_ok"], false);
  EXPECT_EQ(health["last_failure"], "http-503");
  EXPECT_EQ(health["last_failure_at"], health["last_test_at"]);
  EXPECT_EQ(health["failing_since"], health["last_test_at"]);

  m_upstream_status = 200;
  EXPECT_EQ(ping(id), 200);
  health = health_of(id);
  EXPECT_EQ(health["state"], "ok");
  EXPECT_EQ(health["last_test_ok"], false) << "a data request is not a test";
  EXPECT_EQ(health["last_failure"], "http-503") << "the last failure stays on show";
  EXPECT_TRUE(health["failing_since"].is_null());
}

TEST_F(HealthApiTest, ARefusedTokenOnADataRequestIsAFailureWithTheOAuthError) {
  const std::string id = active_connector("Refused", "/refuse");
  EXPECT_EQ(ping(id), 502);
  const json health = health_of(id);
  EXPECT_EQ(health["state"], "failing");
  EXPECT_EQ(health["last_failure"], "invalid_client");
  EXPECT_TRUE(health["last_test_at"].is_null());
}

TEST_F(HealthApiTest, TheListFiltersAndSortsByHealth) {
  const std::string good = active_connector("Good", "/token");
  const std::string bad = active_connector("Bad", "/refuse");
  active_connector("Untouched", "/token");
  EXPECT_EQ(ping(good), 200);
  EXPECT_EQ(ping(bad), 502);
  EXPECT_EQ(listed("health=failing"), std::vector<std::string>{"Bad"});
  EXPECT_EQ(listed("health=ok"), std::vector<std::string>{"Good"});
  EXPECT_EQ(listed("health=unknown"), std::vector<std::string>{"Untouched"});
  EXPECT_EQ(listed("sort=health"), (std::vector<std::string>{"Bad", "Untouched", "Good"}));
  EXPECT_EQ(listed("sort=-health"), (std::vector<std::string>{"Good", "Untouched", "Bad"}));
  Reply bad_filter = get("/api/connectors?health=sick");
  EXPECT_EQ(bad_filter.status, 400);
  EXPECT_EQ(bad_filter.body["errors"][0]["field"], "health");
}

TEST_F(HealthApiTest, HealthIsNotAChangeAndSurvivesARestart) {
  const std::string id = active_connector("Kept", "/refuse");
  const std::string etag = get("/api/connectors/" + id).header("ETag");
  EXPECT_EQ(ping(id), 502);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // times have whole seconds
  EXPECT_EQ(ping(id), 502);  // a failure after a failure: held for the flush
  Reply after = get("/api/connectors/" + id);
  EXPECT_EQ(after.header("ETag"), etag) << "no new version";
  const json before_restart = after.body["health"];
  EXPECT_EQ(get("/api/connectors/" + id + "/history").body["items"].size(), 2u)
      << "created and activated only";
  restart();
  EXPECT_EQ(health_of(id), before_restart) << "flushed on the way down, read back at start";
  EXPECT_EQ(listed("health=failing"), std::vector<std::string>{"Kept"});
}

}  // namespace
}  // namespace datahub::testing
