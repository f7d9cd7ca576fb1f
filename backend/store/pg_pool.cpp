#include "pg_pool.h"

#include <spdlog/spdlog.h>

namespace datahub::backend {

PgPool::PgPool(std::string conninfo, std::size_t max_size)
    : m_conninfo(std::move(conninfo)), m_max_size(max_size == 0 ? 1 : max_size) {}

PgPool::Lease::~Lease() {
  if (m_conn) m_pool->give_back(std::move(m_conn));
}

Result<PgPool::Lease> PgPool::acquire() {
  {
    std::unique_lock lock(m_mutex);
    // Bounded: with every connection held by statements on a hung database, waiting on
    // would hold this request (and its worker) as long as the database hangs.
    const bool got = m_returned.wait_for(lock, kAcquireDeadline,
                                         [&] { return !m_idle.empty() || m_open < m_max_size; });
    if (!got) return store_unavailable();
    if (!m_idle.empty()) {
      auto conn = std::move(m_idle.back());
      m_idle.pop_back();
      return Lease(*this, std::move(conn));
    }
    if (!m_backoff.may_try(ReconnectBackoff::Clock::now())) return store_unavailable();
    ++m_open;  // a slot for the connection made below, outside the lock
  }
  const auto tried = ReconnectBackoff::Clock::now();
  auto conn = PgConnection::connect(m_conninfo);
  std::lock_guard lock(m_mutex);
  if (!conn) {
    --m_open;
    m_backoff.failed(tried);
    m_returned.notify_one();
    // The reason (it may name the host) is the operator's; the caller hears 503.
    spdlog::warn("{}; next attempt in {} ms", conn.problem().detail, m_backoff.delay().count());
    return store_unavailable();
  }
  m_backoff.succeeded();
  return Lease(*this, std::move(*conn));
}

bool PgPool::ready() {
  std::lock_guard lock(m_mutex);
  return m_backoff.may_try(ReconnectBackoff::Clock::now());
}

void PgPool::drop_idle() {
  std::vector<std::unique_ptr<PgConnection>> dropped;
  {
    std::lock_guard lock(m_mutex);
    dropped.swap(m_idle);
    m_open -= dropped.size();
    m_returned.notify_all();
  }
  // closed here, outside the lock
}

void PgPool::give_back(std::unique_ptr<PgConnection> conn) {
  const bool keep = conn->reusable();
  if (conn->lost()) drop_idle();
  if (conn->timed_out()) {
    // A hung database: hold off new connections as after a failed one, so that requests are
    // answered 503 at once meanwhile and /api/health says so.
    std::lock_guard lock(m_mutex);
    m_backoff.failed(ReconnectBackoff::Clock::now());
    spdlog::warn("store: PostgreSQL did not answer within {} s; next attempt in {} ms",
                 PgConnection::kStatementDeadline.count() / 1000, m_backoff.delay().count());
  }
  if (!keep) conn.reset();  // closed outside the lock
  std::lock_guard lock(m_mutex);
  if (keep) {
    m_idle.push_back(std::move(conn));
  } else {
    --m_open;
  }
  m_returned.notify_one();
}

}  // namespace datahub::backend
