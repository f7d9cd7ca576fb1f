#include "datahub/connector_health.h"

#include <array>
#include <utility>

#include "json_members.h"

namespace datahub {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<HealthState, const char*>, 3> kStates = {{
    {HealthState::Unknown, "unknown"},
    {HealthState::Ok, "ok"},
    {HealthState::Failing, "failing"},
}};

json text_or_null(const std::string& text) {
  return text.empty() ? json() : json(text);
}

}  // namespace

const char* to_string(HealthState state) {
  for (const auto& [s, name] : kStates)
    if (s == state) return name;
  return "unknown";
}

std::optional<HealthState> parse_health_state(std::string_view text) {
  for (const auto& [s, name] : kStates)
    if (text == name) return s;
  return std::nullopt;
}

const std::string& health_sort_key(HealthState state) {
  static const std::string kFailing = "0", kUnknown = "1", kOk = "2";
  return state == HealthState::Failing ? kFailing : state == HealthState::Ok ? kOk : kUnknown;
}

json to_json(const ConnectorHealth& h) {
  return {{"state", to_string(h.state)},
          {"last_test_at", text_or_null(h.last_test_at)},
          {"last_test_ok", h.last_test_ok ? json(*h.last_test_ok) : json()},
          {"last_failure_at", text_or_null(h.last_failure_at)},
          {"last_failure", text_or_null(h.last_failure)},
          {"failing_since", text_or_null(h.failing_since)}};
}

Result<ConnectorHealth> connector_health_from_json(const json& body) {
  if (!body.is_object()) return json_members::unreadable("health", {{"", "must be an object"}});
  std::vector<FieldError> errors;
  ConnectorHealth h;
  json_members::Reader r(body, "", errors);
  std::string state;
  if (r.read("state", state, "a string")) {
    if (auto parsed = parse_health_state(state)) {
      h.state = *parsed;
    } else {
      errors.push_back({"state", "must be unknown, ok or failing"});
    }
  }
  r.read("last_test_at", h.last_test_at, "a string");
  r.read("last_test_ok", h.last_test_ok, "a boolean");
  r.read("last_failure_at", h.last_failure_at, "a string");
  r.read("last_failure", h.last_failure, "a string");
  r.read("failing_since", h.failing_since, "a string");
  if (!errors.empty()) return json_members::unreadable("health", std::move(errors));
  return h;
}

}  // namespace datahub
