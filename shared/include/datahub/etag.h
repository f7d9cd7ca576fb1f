// The ETag of a connector version: the strong tag "<version>" (RFC 9110 §8.8.3). The backend
// sends it, If-Match parses it back, the web falls back on it when a proxy strips the header.
#pragma once

#include <cstdint>
#include <string>

namespace datahub {

inline std::string etag_for(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

}  // namespace datahub
