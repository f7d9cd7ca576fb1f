#include "secret_times.h"

#include <optional>

#include "datahub/connector.h"  // fold_name
#include "datahub/secret_fields.h"

namespace datahub::web {
namespace {

constexpr std::string_view kChanged = "(changed)";  // docs/API.md: what a secret's change reads

// The secret a recorded change is about, or nullopt when it is about something else (or says
// a secret was removed: a flag turning false).
std::optional<std::string> SecretOf(const HistoryChange& change) {
  const std::string_view field = change.field;
  const bool marked = change.from == kChanged && change.to == kChanged;
  const bool set = change.to == "true";
  for (const SecretField& f : secret_fields()) {
    if (field == f.path && marked) return std::string(f.path);
    // The flag sits beside the value in the same section: "auth.client_secret_set".
    const std::string_view section = f.path.substr(0, f.path.rfind('.') + 1);
    if (set && field.size() == section.size() + f.set_flag.size() && field.starts_with(section) &&
        field.ends_with(f.set_flag))
      return std::string(f.path);
  }
  if (!field.starts_with("headers.")) return std::nullopt;  // "headers[0]...": not named
  const std::string_view rest = field.substr(8);
  const auto dot = rest.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string_view part = rest.substr(dot + 1);
  if ((part == "value" && marked) || (part == "value_set" && set))
    return SecretHeaderKey(rest.substr(0, dot));
  return std::nullopt;
}

}  // namespace

std::string SecretHeaderKey(std::string_view name) {
  return "headers." + fold_name(name);
}

SecretTimes SecretChangeTimes(const std::vector<HistoryEntry>& newest_first) {
  SecretTimes times;
  for (const HistoryEntry& entry : newest_first)
    for (const HistoryChange& change : entry.changes)
      if (auto key = SecretOf(change)) times.emplace(*key, entry.at);  // the newest stays
  return times;
}

}  // namespace datahub::web
