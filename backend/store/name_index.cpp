#include "name_index.h"

#include <algorithm>

#include "datahub/text.h"

namespace datahub::backend {

namespace {
constexpr char kActive = 'a';
constexpr char kDisabled = 'd';

char health_char(HealthState h) {
  return h == HealthState::Ok ? 'o' : h == HealthState::Failing ? 'f' : 'u';
}

std::optional<HealthState> health_of_char(char c) {
  if (c == 'o') return HealthState::Ok;
  if (c == 'f') return HealthState::Failing;
  if (c == 'u') return HealthState::Unknown;
  return std::nullopt;
}

}  // namespace

std::string name_key(const Connector& c) {
  return fold_name(c.name);
}

std::string encode_name_summary(const Connector& c, HealthState health) {
  std::string value;
  value.reserve(5 + c.id.size() + c.updated_at.size() + c.base_url.size());
  value += c.status == ConnectorStatus::Active ? kActive : kDisabled;
  value += c.id;
  value += '\0';
  value += c.updated_at;
  value += '\0';
  value += to_lower_ascii(c.base_url);
  value += '\0';
  value += health_char(health);
  return value;
}

std::optional<NameSummary> decode_name_summary(std::string_view value) {
  const std::size_t nul = value.find('\0');
  if (value.empty() || nul == std::string_view::npos || nul < 2) return std::nullopt;
  const std::size_t nul2 = value.find('\0', nul + 1);
  if (nul2 == std::string_view::npos) return std::nullopt;
  if (value[0] != kActive && value[0] != kDisabled) return std::nullopt;
  NameSummary s;
  s.status = value[0] == kActive ? ConnectorStatus::Active : ConnectorStatus::Disabled;
  s.id = value.substr(1, nul - 1);
  s.updated_at = value.substr(nul + 1, nul2 - nul - 1);
  s.base_url_lower = value.substr(nul2 + 1);
  if (const std::size_t nul3 = value.find('\0', nul2 + 1); nul3 != std::string_view::npos) {
    auto health = nul3 + 2 == value.size() ? health_of_char(value[nul3 + 1]) : std::nullopt;
    if (!health) return std::nullopt;
    s.base_url_lower = value.substr(nul2 + 1, nul3 - nul2 - 1);
    s.health = *health;
  }
  return s;
}

bool NameFilter::matches(std::string_view folded_name, const NameSummary& s) const {
  if (status && s.status != *status) return false;
  if (health && s.health != *health) return false;
  if (ids && !std::binary_search(ids->begin(), ids->end(), s.id)) return false;
  if (needle.empty()) return true;
  return folded_name.find(needle) != std::string_view::npos ||
         s.base_url_lower.find(needle) != std::string_view::npos;
}

}  // namespace datahub::backend
