#include "outbound/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "outbound/retry_policy.h"

namespace datahub::outbound {

std::optional<std::chrono::milliseconds> RateLimiter::acquire(const std::string& connector_id,
                                                              double rate, double burst,
                                                              Clock::time_point deadline) {
  if (rate <= 0) return std::nullopt;
  const double capacity = burst > 0 ? burst : std::max(rate, 1.0);
  Clock::time_point turn;
  {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    auto [it, fresh] = m_buckets.try_emplace(connector_id, Bucket{capacity, now});
    Bucket& b = it->second;
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity, b.tokens + elapsed * rate);
    b.last = now;
    const double missing = 1.0 - b.tokens;  // > 0: this call's turn is `missing / rate` away
    // In floating point until it is known to be short: a tiny rate's wait (1e300 s) would
    // overflow the clock's nanoseconds and wrap to "now".
    const double wait_s = std::max(0.0, missing) / rate;
    if (wait_s > std::chrono::duration<double>(deadline - now).count())
      return std::chrono::milliseconds(static_cast<long>(std::ceil(
          std::min(wait_s, std::chrono::duration<double>(kLongestRetryAfter).count()) * 1000)));
    turn = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait_s));
    b.tokens -= 1.0;  // the turn is promised: later callers queue behind it
  }
  std::this_thread::sleep_until(turn);
  return std::nullopt;
}

void RateLimiter::forget(const std::string& connector_id) {
  std::lock_guard lock(m_mutex);
  m_buckets.erase(connector_id);
}

}  // namespace datahub::outbound
