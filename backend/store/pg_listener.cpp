#include "pg_listener.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "pg_connection.h"
#include "pg_unavailable.h"

namespace datahub::backend {

PgListener::PgListener(std::string conninfo, Handlers handlers)
    : m_conninfo(std::move(conninfo)),
      m_handlers(std::move(handlers)),
      m_wake_fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  m_thread = std::thread([this] { run(); });
}

PgListener::~PgListener() {
  m_stopping = true;
  const std::uint64_t one = 1;
  if (::write(m_wake_fd, &one, sizeof one) < 0) {
    // Unreachable for an eventfd short of overflow; the waits below are bounded anyway.
  }
  m_thread.join();
  ::close(m_wake_fd);
}

bool PgListener::wait(int fd, int timeout_ms) {
  pollfd fds[2] = {{m_wake_fd, POLLIN, 0}, {fd, POLLIN, 0}};
  const nfds_t count = fd < 0 ? 1 : 2;
  ::poll(fds, count, timeout_ms);
  return !m_stopping.load();
}

void PgListener::run() {
  ReconnectBackoff backoff;
  const std::string listen = "LISTEN " + std::string(kConnectorChannel);
  while (!m_stopping.load()) {
    auto conn = PgConnection::connect(m_conninfo);
    if (conn && !(*conn)->exec(listen).ok()) {
      conn = make_problem(ProblemType::StoreUnavailable, "store: LISTEN failed");
    }
    if (!conn) {
      backoff.failed(ReconnectBackoff::Clock::now());
      spdlog::warn("store listener: {}; next attempt in {} ms", conn.problem().detail,
                   backoff.delay().count());
      // Bounded: the thread also ends promptly without the wake-up.
      if (!wait(-1, static_cast<int>(backoff.delay().count()))) return;
      continue;
    }
    backoff.succeeded();
    m_connected = true;
    // Only now, LISTENing: whatever changed before is read afresh from here on.
    m_handlers.missed();
    PgConnection& listening = **conn;
    while (wait(listening.socket(), -1)) {
      if (!listening.consume_input()) break;
      for (const std::string& payload : listening.take_notifications(kConnectorChannel)) {
        const std::string_view said = payload;
        if (!said.starts_with(kHealthPrefix)) {
          m_handlers.changed(said);
        } else if (m_handlers.health_changed) {
          m_handlers.health_changed(said.substr(kHealthPrefix.size()));
        }
      }
    }
    m_connected = false;
    if (m_stopping.load()) return;
    spdlog::warn("store listener: the connection to PostgreSQL was lost; reconnecting");
    m_handlers.missed();  // nothing cached is confirmed by notifications any more
  }
}

}  // namespace datahub::backend
