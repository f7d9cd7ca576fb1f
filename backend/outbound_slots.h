// A cap on the calls to upstreams in flight at once. Each holds a worker thread for as long as
// its upstream takes (up to its timeout): without a cap, fifty calls to one stalled upstream
// took every worker, and the health check, the list and every edit answered 503 until they timed
// out. Over the cap a call is refused at once with 503 `busy`; what is left serves the rest.
#pragma once

#include <atomic>
#include <optional>

namespace datahub::backend {

class OutboundSlots {
 public:
  // Half the workers (at least one) may wait on upstreams: below the 3/4 one client address
  // may hold (GuardedServer), so even the client whose calls are waiting can still reach the
  // health check, the list and its edits.
  static int capacity_for(int workers) { return workers / 2 > 0 ? workers / 2 : 1; }

  explicit OutboundSlots(int capacity) : m_capacity(capacity) {}

  class Slot {
   public:
    explicit Slot(std::atomic<int>& in_use) : m_in_use(&in_use) {}
    Slot(Slot&& other) noexcept : m_in_use(other.m_in_use) { other.m_in_use = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (m_in_use != nullptr) m_in_use->fetch_sub(1);
    }

   private:
    std::atomic<int>* m_in_use;
  };

  // A slot held until it goes out of scope, or nothing when all are taken.
  std::optional<Slot> try_take() {
    if (m_in_use.fetch_add(1) >= m_capacity) {
      m_in_use.fetch_sub(1);
      return std::nullopt;
    }
    return std::optional<Slot>(std::in_place, m_in_use);
  }

 private:
  const int m_capacity;
  std::atomic<int> m_in_use{0};
};

}  // namespace datahub::backend
