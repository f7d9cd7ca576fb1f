// Whole-request deadlines for cpp-httplib 0.11.4, which only has per-read and per-connect
// timeouts (a peer that sends one byte just before each read timeout would never time out).
// One thread serves every request in flight: a thread per request cost more than the request.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace datahub::outbound {

class DeadlineTimer {
 public:
  using Clock = std::chrono::steady_clock;
  using Action = std::function<void()>;

  // A deadline in force; disarmed (at the latest) when it goes.
  class Armed {
   public:
    ~Armed() { disarm(); }
    Armed(const Armed&) = delete;
    Armed& operator=(const Armed&) = delete;
    // Waits for a running action to return; afterwards the action never runs again and may
    // touch nothing. True when the action ran at all (the deadline passed).
    bool disarm();

   private:
    friend class DeadlineTimer;
    Armed(DeadlineTimer& timer, std::uint64_t id) : m_timer(&timer), m_id(id) {}
    DeadlineTimer* m_timer;
    std::uint64_t m_id;
    bool m_fired = false;
  };

  DeadlineTimer();
  ~DeadlineTimer();
  DeadlineTimer(const DeadlineTimer&) = delete;
  DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  // Calls `action` on the timer's thread at `deadline`, then every 20 ms until disarmed:
  // httplib's Client::stop() cuts only a request in flight, so a call that lands between
  // connect and send must be repeated. Actions must be short: they delay every later deadline.
  [[nodiscard]] Armed arm(Clock::time_point deadline, Action action);

 private:
  using Queue = std::multimap<Clock::time_point, std::uint64_t>;
  struct Entry {
    Action action;
    Queue::iterator due;
    bool fired = false;
  };

  bool remove(std::uint64_t id);
  void run();
  void fire(Queue::iterator first, std::unique_lock<std::mutex>& lock);

  std::mutex m_mutex;
  std::condition_variable m_wake;  // an earlier deadline, or stopping
  std::condition_variable m_done;  // the running action returned
  Queue m_queue;
  std::unordered_map<std::uint64_t, Entry> m_entries;  // references stay valid on insert
  std::uint64_t m_next_id = 1;
  std::uint64_t m_running = 0;  // id whose action runs now, 0 for none
  bool m_stopping = false;
  std::thread m_thread;  // last: starts after every member it uses exists
};

}  // namespace datahub::outbound
