// Keeps a server's caches in step with the other servers of one PostgreSQL store: a connection
// of its own that LISTENs on the channel every connector change notifies (pg_notify in the
// change's transaction, so it arrives once committed), and a thread that waits on its socket
// and tells `changed` each connector id. When the connection is lost it reconnects with
// backoff (pg_unavailable.h); notifications sent meanwhile are lost, so once LISTENing again
// it tells `missed` (drop everything cached).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

namespace datahub::backend {

inline constexpr std::string_view kConnectorChannel = "datahub_connectors";
// A health write is notified on the same channel as "health:<id>" (an id never holds a colon):
// health is kept beside the record, not in its version, so it needs words of its own.
inline constexpr std::string_view kHealthPrefix = "health:";

class PgListener {
 public:
  struct Handlers {
    // Each with an initializer, so brace-initialising the first ones leaves the rest empty.
    std::function<void(std::string_view id)> changed{};
    std::function<void()> missed{};  // also after the first LISTEN: anything cached before it
    std::function<void(std::string_view id)> health_changed{};  // may be empty
  };

  // Starts the thread; the first connection is made there.
  PgListener(std::string conninfo, Handlers handlers);
  ~PgListener();  // stops the thread (at once: it waits on an eventfd too)
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  // True while LISTENing (for GET /api/health: no query, no waiting).
  bool connected() const { return m_connected.load(); }

 private:
  void run();
  // Waits up to `timeout_ms` (-1: forever) for `fd` to be readable or the stop signal; false
  // when stopping.
  bool wait(int fd, int timeout_ms);

  const std::string m_conninfo;
  const Handlers m_handlers;
  std::atomic<bool> m_connected{false};
  std::atomic<bool> m_stopping{false};
  int m_wake_fd = -1;
  std::thread m_thread;
};

}  // namespace datahub::backend
