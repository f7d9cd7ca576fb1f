// A connector's health as the screens say it: the Data Hub's Health cell ("tested 5 min ago",
// "failing since 10 min ago", "never tested") and the connector screen's last failure. Pure
// text, `now` passed in, so tests pin the wording.
#pragma once

#include <chrono>
#include <string>

#include "datahub/connector_health.h"

namespace datahub::web {

using Clock = std::chrono::system_clock;

// "just now", "5 min ago", "3 h ago", "2 days ago"; a stamp in the future (another machine's
// clock) is "just now"; one that does not read is shown as it came.
std::string RelativeTime(const std::string& rfc3339, Clock::time_point now);

// The word for the state: "OK", "Failing", "Unknown".
const char* HealthWord(HealthState state);

// The cell beside the dot: "failing since 12 min ago", "tested 5 min ago", "ok" (working data
// requests, never tested), "never tested".
std::string HealthCellText(const ConnectorHealth& health, Clock::time_point now);

// The connector screen's line about its last failure, empty when it never failed:
// "Last failure: invalid_client, 2026-12-06 08:05 UTC (12 min ago)".
std::string LastFailureText(const ConnectorHealth& health, Clock::time_point now);

}  // namespace datahub::web
