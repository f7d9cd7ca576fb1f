// A whole-request deadline for cpp-httplib 0.11.4, which only has per-read and per-connect
// timeouts: a peer that sends one byte just before each read timeout would never time out.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace datahub::outbound {

// Calls `on_expiry` at the deadline and then every 20 ms until destroyed: httplib's
// Client::stop() only cuts a request that is in flight, so a call that lands between connect
// and send must be repeated. Destroy the watchdog before whatever `on_expiry` touches.
class DeadlineWatchdog {
 public:
  DeadlineWatchdog(std::chrono::steady_clock::time_point deadline, std::function<void()> on_expiry);
  ~DeadlineWatchdog();
  DeadlineWatchdog(const DeadlineWatchdog&) = delete;
  DeadlineWatchdog& operator=(const DeadlineWatchdog&) = delete;

  bool fired() const { return m_fired.load(); }

 private:
  void run(std::stop_token stop);

  std::chrono::steady_clock::time_point m_deadline;
  std::function<void()> m_on_expiry;
  std::atomic<bool> m_fired{false};
  std::mutex m_mutex;
  std::condition_variable_any m_cv;
  std::jthread m_thread;  // last: starts after every member it uses exists
};

}  // namespace datahub::outbound
