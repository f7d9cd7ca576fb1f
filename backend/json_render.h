// Serializes a JSON answer. Strings that are not valid UTF-8 (a name from an old record, an
// upstream's bytes) are replaced with U+FFFD rather than throwing halfway through an answer.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace datahub::backend {

inline std::string render_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace datahub::backend
