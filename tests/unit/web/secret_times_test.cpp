// When each stored secret last changed, as the form reads it from the history.
#include "secret_times.h"

#include <gtest/gtest.h>

#include "history_labels.h"

namespace datahub::web {
namespace {

const std::string kChanged = "(changed)";

TEST(SecretTimesTest, TheNewestChangeOfEachSecretCounts) {
  std::vector<HistoryEntry> newest_first = {
      {"2026-12-06T09:00:00Z", "updated", 4, {{"auth.token", kChanged, kChanged}}},
      {"2026-12-05T09:00:00Z", "tested", 3, {{"result", "—", "ok"}}},
      {"2026-12-04T09:00:00Z", "updated", 3, {{"auth.token", kChanged, kChanged}}},
      {"2026-12-03T09:00:00Z",
       "created",
       1,
       {{"auth.method", "—", "bearer"}, {"auth.token_set", "—", "true"}}},
  };
  const SecretTimes times = SecretChangeTimes(newest_first);
  EXPECT_EQ(times.at("auth.token"), "2026-12-06T09:00:00Z");
  EXPECT_EQ(times.size(), 1u);
}

TEST(SecretTimesTest, ACreationDatesItsSecretsByTheirFlags) {
  std::vector<HistoryEntry> newest_first = {
      {"2026-12-03T09:00:00Z",
       "created",
       1,
       {{"auth.client_secret_set", "—", "true"},
        {"auth.password_set", "—", "false"},
        {"tls.client_key_set", "—", "true"},
        {"proxy.password_set", "—", "true"},
        {"auth.value_set", "—", "true"}}},
  };
  const SecretTimes times = SecretChangeTimes(newest_first);
  EXPECT_EQ(times.count("auth.client_secret"), 1u);
  EXPECT_EQ(times.count("auth.password"), 0u) << "a flag that says false dates nothing";
  EXPECT_EQ(times.count("tls.client_key_pem"), 1u);
  EXPECT_EQ(times.count("proxy.password"), 1u);
  EXPECT_EQ(times.count("auth.value"), 1u);
}

// Headers are recorded by position; NameHeaderChanges names them, and the name (in any case)
// finds the time.
TEST(SecretTimesTest, SecretHeadersAreDatedByName) {
  std::vector<HistoryEntry> newest_first = {
      {"2026-12-06T09:00:00Z", "updated", 3, {{"headers.X-Key.value", kChanged, kChanged}}},
      {"2026-12-05T09:00:00Z",
       "updated",
       2,
       {{"headers[1].name", "—", "X-Other"},
        {"headers[1].secret", "—", "true"},
        {"headers[1].value_set", "—", "true"}}},
      {"2026-12-03T09:00:00Z",
       "created",
       1,
       {{"headers[0].name", "—", "X-Key"},
        {"headers[0].secret", "—", "true"},
        {"headers[0].value_set", "—", "true"}}},
  };
  NameHeaderChanges(newest_first);
  const SecretTimes times = SecretChangeTimes(newest_first);
  EXPECT_EQ(times.at(SecretHeaderKey("x-key")), "2026-12-06T09:00:00Z");
  EXPECT_EQ(times.at(SecretHeaderKey("X-OTHER")), "2026-12-05T09:00:00Z");
}

TEST(SecretTimesTest, OtherChangesDateNoSecret) {
  std::vector<HistoryEntry> newest_first = {
      {"2026-12-06T09:00:00Z",
       "updated",
       2,
       {{"auth.username", "a", "b"}, {"auth.token_set", "true", "false"}, {"name", "A", "B"}}},
  };
  EXPECT_TRUE(SecretChangeTimes(newest_first).empty());
}

}  // namespace
}  // namespace datahub::web
