#include "certificates.h"

#include "datahub/time_format.h"
#include "ui_time.h"

namespace datahub::web {

Expiry ExpiryOf(const std::string& not_after, std::chrono::system_clock::time_point now) {
  const auto end = parse_rfc3339_utc(not_after);
  if (!end) return Expiry::Unknown;
  if (*end <= now) return Expiry::Expired;
  return *end - now <= kExpirySoon ? Expiry::Soon : Expiry::Valid;
}

std::string ExpiryText(const std::string& not_after, std::chrono::system_clock::time_point now) {
  const std::string shown = ShownTime(not_after, TimePrecision::Minutes);
  switch (ExpiryOf(not_after, now)) {
    case Expiry::Expired:
      return "expired " + shown;
    case Expiry::Soon: {
      // Whole days left, rounded down: "in 0 days" would read as already gone.
      const auto days =
          std::chrono::duration_cast<std::chrono::hours>(*parse_rfc3339_utc(not_after) - now)
              .count() /
          24;
      if (days < 1) return "expires " + shown + " (in less than a day)";
      return "expires " + shown + " (in " + std::to_string(days) + (days == 1 ? " day)" : " days)");
    }
    case Expiry::Valid:
    case Expiry::Unknown:
      break;
  }
  return "expires " + shown;
}

}  // namespace datahub::web
