#include "outbound/token_body_redaction.h"

#include <nlohmann/json.hpp>

#include "datahub/json_parse.h"

namespace datahub::outbound {

namespace {

bool is_token_member(const std::string& name) {
  return name == "access_token" || name == "refresh_token" || name == "id_token";
}

using Json = nlohmann::ordered_json;  // written back in the endpoint's own member order

void redact(Json& value) {
  if (value.is_array()) {
    for (auto& item : value) redact(item);
    return;
  }
  if (!value.is_object()) return;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (is_token_member(it.key()) && it->is_string())
      *it = "***";
    else
      redact(*it);
  }
}

void redact_at(Json& value, const std::string& pointer) {
  if (pointer.empty()) return;
  try {
    const Json::json_pointer at(pointer);
    if (value.contains(at) && value.at(at).is_string()) value.at(at) = "***";
  } catch (const Json::exception&) {
    // A pointer that does not parse was refused when the connector was saved.
  }
}

}  // namespace

std::string redacted_token_body(std::string_view body, bool truncated,
                                const std::string& token_field) {
  if (truncated) return std::string(body);
  // parse_json first: it refuses nesting deep enough to exhaust the stack.
  auto checked = parse_json(body);
  if (checked.error != JsonParseError::None || !checked.value.is_structured())
    return std::string(body);
  Json value = Json::parse(body, nullptr, false);
  if (value.is_discarded()) return std::string(body);
  redact(value);
  redact_at(value, token_field);
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace datahub::outbound
