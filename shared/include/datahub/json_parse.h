// JSON text from outside (request bodies, token responses, stored records) parsed with a
// bound on nesting. nlohmann_json parses iteratively, but copies, comparisons and dumps
// recurse: 300,000 nested arrays (600 KB) overflow the stack in any of them.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace datahub {

inline constexpr int kMaxJsonDepth = 64;

enum class JsonParseError { None, Malformed, TooDeep };

struct ParsedJson {
  nlohmann::json value;  // discarded unless error is None
  JsonParseError error = JsonParseError::None;
};

// Parses `text`; a value nested deeper than `max_depth` (arrays and objects) is an error.
ParsedJson parse_json(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace datahub
