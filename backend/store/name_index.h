// The "names" database: case-folded name -> a small summary of the connector, so that listing
// can count and filter 100,000 connectors without parsing a single record.
//   value = <status: 'a' | 'd'> <id> '\0' <updated_at> '\0' <base_url, ASCII lower-cased>
//           ['\0' <health: 'u' | 'o' | 'f'>]
// (A summary written before health existed has no health part: it reads as unknown.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/connector.h"
#include "datahub/connector_health.h"

namespace datahub::backend {

struct NameSummary {
  ConnectorStatus status = ConnectorStatus::Disabled;
  std::string_view id;
  std::string_view updated_at;  // RFC 3339 UTC: sorts as text
  std::string_view base_url_lower;
  HealthState health = HealthState::Unknown;
};

// The index key of a connector (datahub::fold_name of its name).
std::string name_key(const Connector& c);
std::string encode_name_summary(const Connector& c, HealthState health);
std::optional<NameSummary> decode_name_summary(std::string_view value);

// A list filter, prepared once per request.
struct NameFilter {
  std::string needle;                           // lower-cased q; empty matches everything
  std::optional<ConnectorStatus> status;        // when set, only this status
  std::optional<HealthState> health;            // when set, only this health
  std::optional<std::vector<std::string>> ids;  // when set (sorted), only these ids
  bool empty() const { return needle.empty() && !status && !health && !ids; }
  bool matches(std::string_view folded_name, const NameSummary& s) const;
};

}  // namespace datahub::backend
