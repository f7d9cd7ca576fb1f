// Times as the screens show them: the API's RFC 3339 UTC stamps, made easy to scan.
#pragma once

#include <string>

namespace datahub::web {

enum class TimePrecision { Minutes, Seconds };

// "2026-11-29T21:10:15Z" -> "2026-11-29 21:10 UTC" (or "... 21:10:15 UTC"); anything shorter
// than a full stamp is shown as it came.
std::string ShownTime(const std::string& rfc3339, TimePrecision precision);

}  // namespace datahub::web
