// The "names" database: case-folded name -> a small summary of the connector, so that listing
// can count and filter 100,000 connectors without parsing a single record.
//   value = <status: 'a' | 'd'> <id> '\0' <updated_at> '\0' <base_url, ASCII lower-cased>
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "datahub/connector.h"

namespace datahub::backend {

struct NameSummary {
  ConnectorStatus status = ConnectorStatus::Disabled;
  std::string_view id;
  std::string_view updated_at;  // RFC 3339 UTC: sorts as text
  std::string_view base_url_lower;
};

// The index key of a connector (datahub::fold_name of its name).
std::string name_key(const Connector& c);
std::string encode_name_summary(const Connector& c);
std::optional<NameSummary> decode_name_summary(std::string_view value);

// A list filter, prepared once per request.
struct NameFilter {
  std::string needle;                     // lower-cased q; empty matches everything
  std::optional<ConnectorStatus> status;  // when set, only this status
  bool empty() const { return needle.empty() && !status; }
  bool matches(std::string_view folded_name, const NameSummary& s) const;
};

}  // namespace datahub::backend
