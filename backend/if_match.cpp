#include "if_match.h"

#include <algorithm>

namespace datahub::backend {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::int64_t> parse_strong_tag(std::string_view tag) {
  tag = trim(tag);
  if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"') return std::nullopt;
  const std::string_view digits = tag.substr(1, tag.size() - 2);
  if (digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::stoll(std::string(digits));
}

}  // namespace

bool IfMatch::matches(std::int64_t version) const {
  return any || std::find(versions.begin(), versions.end(), version) != versions.end();
}

IfMatch parse_if_match(std::string_view value) {
  IfMatch result;
  if (trim(value) == "*") {
    result.any = true;
    return result;
  }
  while (true) {
    const auto comma = value.find(',');
    if (auto version = parse_strong_tag(value.substr(0, comma))) {
      result.versions.push_back(*version);
    }
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return result;
}

}  // namespace datahub::backend
