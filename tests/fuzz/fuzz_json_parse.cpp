// parse_json, the one entry for JSON from outside: never deeper than the bound, and otherwise
// the same value nlohmann_json's own parser gives.
#include <algorithm>

#include "datahub/json_parse.h"
#include "fuzz_check.h"

namespace {

// The nesting depth of `value`, walked without recursion beyond the bound it checks.
int depth_of(const nlohmann::json& value, int limit) {
  if (!value.is_structured()) return 0;
  if (limit == 0) return 1;
  int deepest = 0;
  for (const auto& child : value) deepest = std::max(deepest, depth_of(child, limit - 1));
  return deepest + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace datahub;
  const auto text = fuzz::as_text(data, size);
  // The first byte picks a bound now and then, so small bounds are tried too.
  const int max_depth = size > 0 && data[0] < 8 ? data[0] : kMaxJsonDepth;
  const auto parsed = parse_json(text, max_depth);
  if (parsed.error == JsonParseError::TooDeep) return 0;
  const auto plain = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.error == JsonParseError::Malformed) {
    FUZZ_CHECK(plain.is_discarded());
    return 0;
  }
  FUZZ_CHECK(!parsed.value.is_discarded());
  FUZZ_CHECK(depth_of(parsed.value, max_depth + 1) <= max_depth);
  FUZZ_CHECK(plain == parsed.value);
  // What the server writes back reads as the same value.
  const auto again = parse_json(parsed.value.dump(), max_depth);
  FUZZ_CHECK(again.error == JsonParseError::None && again.value == parsed.value);
  return 0;
}
