// When the shared store is gone. Failures that mean the connection or the PostgreSQL server is
// lost are answered 503 store-unavailable (Retry-After: 1), not 500: the request was fine and
// will work once the database is back. And after a failed connection attempt, the next one
// waits (100 ms, doubling to 5 s) so that an outage is answered at once instead of every
// request waiting for its own connect timeout.
#pragma once

#include <chrono>
#include <string_view>

#include "datahub/result.h"

namespace datahub::backend {

// SQLSTATE class 08 (connection exception), 57P01/57P02/57P03 (the server shuts down, or
// cannot accept connections yet) and 25006 (the server only reads: a standby).
bool is_connection_lost_sqlstate(std::string_view sqlstate);

// 503 store-unavailable with retry_after 1. The detail never names the database.
Problem store_unavailable();

// The wait between connection attempts. Not thread-safe: its owner locks.
class ReconnectBackoff {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kFirst{100};
  static constexpr std::chrono::milliseconds kMax{5000};

  // True when an attempt may be made at `now`.
  bool may_try(Clock::time_point now) const { return now >= m_next; }
  // An attempt made at `now` failed: no new one before now + the next delay. Failures of
  // attempts that overlapped (made in the same open window) count once.
  void failed(Clock::time_point now);
  void succeeded();
  // The wait set by the last failure; zero after a success.
  std::chrono::milliseconds delay() const { return m_delay; }
  Clock::time_point next_try() const { return m_next; }

 private:
  std::chrono::milliseconds m_delay{0};
  Clock::time_point m_next{};
};

}  // namespace datahub::backend
