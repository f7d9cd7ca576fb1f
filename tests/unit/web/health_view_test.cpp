// The words of the Health column and the connector screen's health line.
#include <gtest/gtest.h>

#include "datahub/time_format.h"
#include "health_view.h"

namespace datahub::web {
namespace {

const Clock::time_point kNow = *parse_rfc3339_utc("2026-12-06T10:00:00Z");

TEST(HealthView, RelativeTimes) {
  EXPECT_EQ(RelativeTime("2026-12-06T09:59:30Z", kNow), "just now");
  EXPECT_EQ(RelativeTime("2026-12-06T10:05:00Z", kNow), "just now") << "another clock, ahead";
  EXPECT_EQ(RelativeTime("2026-12-06T09:55:00Z", kNow), "5 min ago");
  EXPECT_EQ(RelativeTime("2026-12-06T07:00:00Z", kNow), "3 h ago");
  EXPECT_EQ(RelativeTime("2026-12-05T09:00:00Z", kNow), "1 day ago");
  EXPECT_EQ(RelativeTime("2026-12-01T10:00:00Z", kNow), "5 days ago");
  EXPECT_EQ(RelativeTime("yesterday", kNow), "yesterday");
}

TEST(HealthView, TheCellSaysTheStateInTime) {
  ConnectorHealth h;
  EXPECT_EQ(HealthCellText(h, kNow), "never tested");
  h.state = HealthState::Ok;
  EXPECT_EQ(HealthCellText(h, kNow), "data requests work");
  h.last_test_at = "2026-12-06T09:55:00Z";
  h.last_test_ok = true;
  EXPECT_EQ(HealthCellText(h, kNow), "tested 5 min ago");
  h.state = HealthState::Failing;
  h.failing_since = "2026-12-06T09:48:00Z";
  h.last_failure_at = "2026-12-06T09:59:00Z";
  EXPECT_EQ(HealthCellText(h, kNow), "failing since 12 min ago");
  EXPECT_STREQ(HealthWord(h.state), "Failing");
}

TEST(HealthView, TheLastFailureNamesItsKindAndTime) {
  ConnectorHealth h;
  EXPECT_EQ(LastFailureText(h, kNow), "") << "never failed: nothing to say";
  h.last_failure_at = "2026-12-06T09:48:00Z";
  h.last_failure = "invalid_client";
  EXPECT_EQ(LastFailureText(h, kNow),
            "Last failure: invalid_client, 2026-12-06 09:48 UTC (12 min ago)");
}

}  // namespace
}  // namespace datahub::web
