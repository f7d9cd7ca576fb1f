#include "outbound/deadline_timer.h"

namespace datahub::outbound {

namespace {
constexpr auto kRepeat = std::chrono::milliseconds(20);
}

bool DeadlineTimer::Armed::disarm() {
  if (m_timer != nullptr) m_fired = m_timer->remove(m_id);
  m_timer = nullptr;
  return m_fired;
}

DeadlineTimer::DeadlineTimer() : m_thread([this] { run(); }) {}

DeadlineTimer::~DeadlineTimer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

DeadlineTimer::Armed DeadlineTimer::arm(Clock::time_point deadline, Action action) {
  std::lock_guard lock(m_mutex);
  const auto id = m_next_id++;
  auto due = m_queue.emplace(deadline, id);
  m_entries.emplace(id, Entry{std::move(action), due});
  if (due == m_queue.begin()) m_wake.notify_one();  // the thread sleeps until a later one
  return Armed(*this, id);
}

bool DeadlineTimer::remove(std::uint64_t id) {
  Action retired;  // destroyed after the lock is released: it may own the last client handle
  std::unique_lock lock(m_mutex);
  auto it = m_entries.find(id);
  if (it == m_entries.end()) return false;
  // Out of the queue first: a running action is requeued before it runs, and waiting for it
  // while it could start again would wait for ever.
  m_queue.erase(it->second.due);
  m_done.wait(lock, [&] { return m_running != id; });
  it = m_entries.find(id);  // arm() may have rehashed meanwhile
  const bool fired = it->second.fired;
  retired = std::move(it->second.action);
  m_entries.erase(it);
  return fired;
}

void DeadlineTimer::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    if (m_queue.empty()) {
      m_wake.wait(lock);
      continue;
    }
    auto first = m_queue.begin();
    if (const auto due = first->first; Clock::now() < due) {
      m_wake.wait_until(lock, due);  // a copy: the node may be erased while this waits
      continue;                      // woken early: a new first deadline, or stopping
    }
    fire(first, lock);
  }
}

// Runs the action without the lock, so that requests can arm and disarm meanwhile; remove()
// of this very id waits for it (m_running), which keeps the entry and what it captured alive.
void DeadlineTimer::fire(Queue::iterator first, std::unique_lock<std::mutex>& lock) {
  const auto id = first->second;
  auto& entry = m_entries.at(id);
  m_queue.erase(first);
  entry.due = m_queue.emplace(Clock::now() + kRepeat, id);
  entry.fired = true;
  m_running = id;
  lock.unlock();
  try {
    entry.action();
  } catch (...) {  // a failed stop() must not take every other deadline down with the thread
  }
  lock.lock();
  m_running = 0;
  m_done.notify_all();
}

}  // namespace datahub::outbound
