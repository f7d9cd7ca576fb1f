// RFC 3339 UTC timestamps ("2026-11-29T21:10:15Z"), the contract's only time format.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace datahub {

// Seconds precision (sub-second parts are dropped, rounding towards the past), always UTC.
// Thread-safe: pure arithmetic, no gmtime and no locale.
std::string format_rfc3339_utc(std::chrono::system_clock::time_point t);

// Reads what format_rfc3339_utc writes ("YYYY-MM-DDTHH:MM:SSZ"), also accepting a fractional
// second (dropped) and a lowercase 't'/'z'. Offsets other than Z are refused: the contract
// speaks UTC only. Nothing for a time the clock's type cannot hold (libstdc++: after 2262).
std::optional<std::chrono::system_clock::time_point> parse_rfc3339_utc(std::string_view text);

// The same, as Unix seconds, for any year 0000-9999: callers that bound a time themselves
// (an API token's expiry) can say what is wrong with a far one instead of calling it malformed.
std::optional<std::int64_t> parse_rfc3339_utc_seconds(std::string_view text);

}  // namespace datahub
