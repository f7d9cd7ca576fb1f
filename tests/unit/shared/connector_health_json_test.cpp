// The health member of a connector answer: what the server writes, the web reads back whole.
#include <gtest/gtest.h>

#include "datahub/connector_health.h"

namespace datahub {
namespace {

using nlohmann::json;

ConnectorHealth Failing() {
  ConnectorHealth h;
  h.state = HealthState::Failing;
  h.last_test_at = "2026-12-06T08:00:00Z";
  h.last_test_ok = false;
  h.last_failure_at = "2026-12-06T08:05:00Z";
  h.last_failure = "invalid_client";
  h.failing_since = "2026-12-06T08:00:00Z";
  return h;
}

TEST(ConnectorHealthJson, ReadOfWriteIsTheSameHealth) {
  for (const ConnectorHealth& h : {ConnectorHealth{}, Failing()}) {
    auto back = connector_health_from_json(to_json(h));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, h);
  }
}

TEST(ConnectorHealthJson, EveryMemberIsWrittenAndAnEmptyOneIsNull) {
  const json unknown = to_json(ConnectorHealth{});
  EXPECT_EQ(unknown, json::parse(R"({"state":"unknown","last_test_at":null,"last_test_ok":null,
      "last_failure_at":null,"last_failure":null,"failing_since":null})"));
  EXPECT_EQ(to_json(Failing())["last_failure"], "invalid_client");
  EXPECT_EQ(to_json(Failing())["last_test_ok"], false);
}

TEST(ConnectorHealthJson, AWrongTypeOrAnUnknownStateRefusesTheDocument) {
  auto bad = connector_health_from_json(json{{"state", "sick"}, {"last_test_ok", "no"}});
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.problem().errors.size(), 2u);
  EXPECT_EQ(bad.problem().errors[0].field, "state");
  EXPECT_EQ(bad.problem().errors[1].field, "last_test_ok");
  EXPECT_FALSE(connector_health_from_json(json::array()));
  EXPECT_EQ(connector_health_from_json(json::object())->state, HealthState::Unknown);
}

TEST(ConnectorHealthJson, StateNames) {
  for (auto s : {HealthState::Unknown, HealthState::Ok, HealthState::Failing})
    EXPECT_EQ(parse_health_state(to_string(s)), s);
  EXPECT_FALSE(parse_health_state("Ok"));
}

}  // namespace
}  // namespace datahub
