// Every connector's health in memory, written to the store only when it says something new:
// a test, or a change of state (ok <-> failing), at most once per `min_write_gap` per connector.
// Anything else that changed (the time of a failure after a failure, a change of state within
// the gap) waits for flush(), which writes all of it in one transaction; a thread of the
// board's own runs it every second and the destructor once more. So a stream of working data
// requests costs no write at all, and failing upstreams hammered by callers cost one
// transaction per flush, however many connectors fail.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "datahub/connector_health.h"
#include "health_event.h"
#include "store/connector_store.h"

namespace datahub::backend {

class HealthBoard {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  explicit HealthBoard(ConnectorStore& store, Clock clock = &std::chrono::system_clock::now,
                       std::chrono::milliseconds min_write_gap = std::chrono::seconds(1));
  ~HealthBoard();
  HealthBoard(const HealthBoard&) = delete;
  HealthBoard& operator=(const HealthBoard&) = delete;

  // The connector's health: from memory, or from the store the first time an id is seen.
  ConnectorHealth get(std::string_view id);
  // A test or data request of `id` worked (no `failure`) or failed with `failure`.
  void record(std::string_view id, HealthEvent::Kind kind,
              const std::optional<std::string>& failure);
  // The connector is gone (its stored health went with it).
  void forget(std::string_view id);
  // Another server of a shared store wrote this connector's health: take the stored value,
  // unless this board has news of its own still to write (then it writes them, and they are
  // the newest). A connector this board has not seen is read when first asked for.
  void refresh(std::string_view id);
  // Notifications were missed: every health without news of this board's is read again.
  void refresh_all();
  // Writes whatever changed since its last write, in one transaction. Returns how many
  // connectors were written.
  std::size_t flush();
  // Runs flush() every `interval` until the board is destroyed.
  void start_flusher(std::chrono::milliseconds interval);
  // Store transactions so far (tests count them).
  std::size_t writes() const;

 private:
  struct Entry {
    ConnectorHealth health;
    bool dirty = false;
    // Nothing before the first write: the steady clock's epoch is the machine's boot, so a
    // zero here would hold back every write for the first gap after boot.
    std::optional<std::chrono::steady_clock::time_point> written_at{};
    // Counts this board's own changes: a stored value read meanwhile is older and not taken.
    std::uint64_t changes = 0;
  };
  Entry& entry(std::unique_lock<std::mutex>& lock, std::string_view id);
  void write(const std::string& id);
  void stop_flusher();

  ConnectorStore& m_store;
  Clock m_clock;
  std::chrono::milliseconds m_min_write_gap;
  mutable std::mutex m_mutex;  // m_entries, m_writes, m_stopping
  std::map<std::string, Entry, std::less<>> m_entries;
  std::size_t m_writes = 0;
  std::mutex m_write_order;  // one store write at a time: the newest value always lands last
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_flusher;
};

}  // namespace datahub::backend
