#include "datahub/json_parse.h"

namespace datahub {

ParsedJson parse_json(std::string_view text, int max_depth) {
  bool too_deep = false;
  // The callback sees each value's depth before it is built; refusing an array or object
  // start skips its contents, so a deep value is never held (or recursed into) at all.
  auto limit = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    const bool opens = event == nlohmann::json::parse_event_t::array_start ||
                       event == nlohmann::json::parse_event_t::object_start;
    if (opens && depth >= max_depth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  ParsedJson out;
  out.value = nlohmann::json::parse(text, limit, /*allow_exceptions=*/false);
  if (too_deep) {
    out.value = nlohmann::json(nlohmann::json::value_t::discarded);
    out.error = JsonParseError::TooDeep;
  } else if (out.value.is_discarded()) {
    out.error = JsonParseError::Malformed;
  }
  return out;
}

}  // namespace datahub
