#include "health_view.h"

#include "datahub/time_format.h"
#include "ui_time.h"

namespace datahub::web {

std::string RelativeTime(const std::string& rfc3339, Clock::time_point now) {
  const auto at = parse_rfc3339_utc(rfc3339);
  if (!at) return rfc3339;
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - *at).count();
  if (minutes < 1) return "just now";
  if (minutes < 60) return std::to_string(minutes) + " min ago";
  const auto hours = minutes / 60;
  if (hours < 24) return std::to_string(hours) + " h ago";
  const auto days = hours / 24;
  return std::to_string(days) + (days == 1 ? " day ago" : " days ago");
}

const char* HealthWord(HealthState state) {
  switch (state) {
    case HealthState::Ok:
      return "OK";
    case HealthState::Failing:
      return "Failing";
    case HealthState::Unknown:
      break;
  }
  return "Unknown";
}

std::string HealthCellText(const ConnectorHealth& health, Clock::time_point now) {
  if (health.state == HealthState::Failing) {
    const std::string& since =
        health.failing_since.empty() ? health.last_failure_at : health.failing_since;
    return "failing since " + RelativeTime(since, now);
  }
  if (!health.last_test_at.empty()) return "tested " + RelativeTime(health.last_test_at, now);
  return health.state == HealthState::Ok ? "data requests work" : "never tested";
}

std::string LastFailureText(const ConnectorHealth& health, Clock::time_point now) {
  if (health.last_failure_at.empty()) return "";
  return "Last failure: " + (health.last_failure.empty() ? "unknown" : health.last_failure) + ", " +
         ShownTime(health.last_failure_at, TimePrecision::Minutes) + " (" +
         RelativeTime(health.last_failure_at, now) + ")";
}

}  // namespace datahub::web
