// A connector's health (docs/API.md, "Health"): whether its last test or data request worked,
// and its last failure. The server keeps it beside the connector (not in its versioned record:
// a failing upstream must not change the ETag an editor holds) and adds it to every connector
// answer as "health"; the web reads it with the same codec for the Data Hub's Health column.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "datahub/result.h"

namespace datahub {

// Unknown: never tested and no data request answered yet.
enum class HealthState { Unknown, Ok, Failing };

struct ConnectorHealth {
  HealthState state = HealthState::Unknown;
  std::string last_test_at;          // RFC 3339 UTC; empty: never tested
  std::optional<bool> last_test_ok;  // with last_test_at
  std::string last_failure_at;       // the newest failed test or data request
  std::string last_failure;          // its problem type ("upstream-timeout"), oauth_error
                                     // ("invalid_client") or upstream status ("http-503")
  std::string failing_since;         // while failing: the first failure of this run
  bool operator==(const ConnectorHealth&) const = default;
};

// "unknown", "ok", "failing".
const char* to_string(HealthState state);
std::optional<HealthState> parse_health_state(std::string_view text);
// What a list sorted by health orders by, the worst first: "0" failing, "1" unknown, "2" ok. The
// server sorts by it and the web re-sorts loaded rows by it, so both agree.
const std::string& health_sort_key(HealthState state);

// {"state", "last_test_at", "last_test_ok", "last_failure_at", "last_failure", "failing_since"}:
// a member without a value is null.
nlohmann::json to_json(const ConnectorHealth& health);
// Absent or null members keep their defaults; a wrong type or an unknown state refuses the
// document (BadRequest, each member in `errors`).
Result<ConnectorHealth> connector_health_from_json(const nlohmann::json& body);

}  // namespace datahub
