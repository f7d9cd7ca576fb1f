// If-Match preconditions on connector versions (RFC 9110 §13.1.1). ETags are strong "<version>".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/etag.h"  // etag_for: the tags this parser reads back

namespace datahub::backend {

struct IfMatch {
  bool any = false;                    // "*": any existing connector
  std::vector<std::int64_t> versions;  // the strong tags listed; weak tags never match
  bool matches(std::int64_t version) const;
};

// Parses an If-Match header value. A value that names no valid tag matches nothing.
IfMatch parse_if_match(std::string_view value);

}  // namespace datahub::backend
