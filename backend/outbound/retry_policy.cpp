#include "outbound/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <random>
#include <string>

namespace datahub::outbound {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstBackoff{200};

bool retryable_status(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

// 200 ms × 2^(n-1), spread over ±50% so that callers that failed together do not come back
// together.
milliseconds backoff(int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const auto base = kFirstBackoff * (1 << std::min(attempt - 1, 10));
  std::uniform_real_distribution<double> spread(0.5, 1.5);
  return milliseconds(static_cast<long>(static_cast<double>(base.count()) * spread(random)));
}

}  // namespace

std::optional<milliseconds> parse_retry_after(std::string_view value, std::time_t now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return kLongestRetryAfter;
    return std::min(milliseconds(std::stol(std::string(value)) * 1000L), kLongestRetryAfter);
  }
  const std::time_t at = curl_getdate(std::string(value).c_str(), nullptr);  // RFC 1123 and kin
  if (at == -1) return std::nullopt;
  const std::time_t longest =
      std::chrono::duration_cast<std::chrono::seconds>(kLongestRetryAfter).count();
  const std::time_t seconds = std::clamp<std::time_t>(at - now, 0, longest);
  return milliseconds(seconds * 1000L);
}

std::optional<milliseconds> retry_wait(const Result<OutboundResponse>& response,
                                       bool connection_failed, int attempt,
                                       std::chrono::steady_clock::time_point now,
                                       std::chrono::steady_clock::time_point deadline) {
  std::optional<milliseconds> wait;
  if (response) {
    if (!retryable_status(response->status)) return std::nullopt;
    if (auto header = response->headers.find("Retry-After"); header != response->headers.end())
      wait = parse_retry_after(header->second, std::time(nullptr));
  } else if (!connection_failed) {
    return std::nullopt;  // refused by the guard, a bad TLS certificate, a hostile answer, ...
  }
  if (!wait) wait = backoff(attempt);
  // In milliseconds: the deadline's nanoseconds would overflow on a long wait's conversion.
  const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - now);
  if (*wait >= remaining) return std::nullopt;  // the answer at hand beats a timeout
  return wait;
}

}  // namespace datahub::outbound
