// The rate limit of each connector (docs/API.md, "Rate limit"): a token bucket per connector and
// server process, `rate` tokens a second up to `burst`. A call over the limit waits its turn
// when the turn comes before its deadline, and is refused with the wait otherwise.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace datahub::outbound {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // Takes a token for `connector_id` (waiting for it when needed). Nothing when the call may
  // go; else how long a caller should wait before trying again (for Retry-After), nothing
  // taken. rate <= 0: no limit. burst <= 0: as many as the rate (at least one).
  std::optional<std::chrono::milliseconds> acquire(const std::string& connector_id, double rate,
                                                   double burst, Clock::time_point deadline);

  // Forgets a connector's bucket (after a change of its settings, or its deletion).
  void forget(const std::string& connector_id);

 private:
  struct Bucket {
    double tokens = 0;  // below zero: turns already promised to waiting calls
    Clock::time_point last;
  };
  std::mutex m_mutex;
  std::map<std::string, Bucket> m_buckets;
};

}  // namespace datahub::outbound
