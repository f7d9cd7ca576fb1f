// When a call is tried again, and after how long (docs/API.md, "Retries"): after a 429, 502, 503 or
// 504 answer or a failed connection; after Retry-After (seconds or an HTTP-date) when the
// upstream gives one, else 200 ms × 2^(n-1) with jitter; never when the wait would outlive the
// call's deadline. The caller decides whether the method may be repeated at all.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

#include "datahub/result.h"
#include "outbound/outbound_http.h"

namespace datahub::outbound {

// The wait before attempt `attempt` + 1, or nothing when the call should end as it is.
std::optional<std::chrono::milliseconds> retry_wait(const Result<OutboundResponse>& response,
                                                    bool connection_failed, int attempt,
                                                    std::chrono::steady_clock::time_point now,
                                                    std::chrono::steady_clock::time_point deadline);

// A Retry-After value as a wait from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3);
// a date in the past is no wait; nothing when the value is neither.
// The longest wait a Retry-After is taken for, whether an upstream's or our own 429's: longer
// than any call's deadline, and small enough that no arithmetic on it overflows.
inline constexpr std::chrono::milliseconds kLongestRetryAfter = std::chrono::hours(24);

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::time_t now);

}  // namespace datahub::outbound
