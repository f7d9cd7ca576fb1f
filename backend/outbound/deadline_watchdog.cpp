#include "outbound/deadline_watchdog.h"

namespace datahub::outbound {

namespace {
constexpr auto kRepeat = std::chrono::milliseconds(20);
}

DeadlineWatchdog::DeadlineWatchdog(std::chrono::steady_clock::time_point deadline,
                                   std::function<void()> on_expiry)
    : m_deadline(deadline),
      m_on_expiry(std::move(on_expiry)),
      m_thread([this](std::stop_token stop) { run(stop); }) {}

DeadlineWatchdog::~DeadlineWatchdog() {
  m_thread.request_stop();
  if (m_thread.joinable()) m_thread.join();
}

void DeadlineWatchdog::run(std::stop_token stop) {
  std::unique_lock lock(m_mutex);
  // wait_until returns early only when a stop is requested (the predicate never holds).
  m_cv.wait_until(lock, stop, m_deadline, [] { return false; });
  while (!stop.stop_requested()) {
    m_fired = true;
    m_on_expiry();
    m_cv.wait_for(lock, stop, kRepeat, [] { return false; });
  }
}

}  // namespace datahub::outbound
