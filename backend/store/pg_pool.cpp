#include "pg_pool.h"

namespace datahub::backend {

PgPool::PgPool(std::string conninfo, std::size_t max_size)
    : m_conninfo(std::move(conninfo)), m_max_size(max_size == 0 ? 1 : max_size) {}

PgPool::Lease::~Lease() {
  if (m_conn) m_pool->give_back(std::move(m_conn));
}

Result<PgPool::Lease> PgPool::acquire() {
  {
    std::unique_lock lock(m_mutex);
    m_returned.wait(lock, [&] { return !m_idle.empty() || m_open < m_max_size; });
    if (!m_idle.empty()) {
      auto conn = std::move(m_idle.back());
      m_idle.pop_back();
      return Lease(*this, std::move(conn));
    }
    ++m_open;  // a slot for the connection made below, outside the lock
  }
  auto conn = PgConnection::connect(m_conninfo);
  if (!conn) {
    std::lock_guard lock(m_mutex);
    --m_open;
    m_returned.notify_one();
    return conn.problem();
  }
  return Lease(*this, std::move(*conn));
}

void PgPool::give_back(std::unique_ptr<PgConnection> conn) {
  const bool keep = conn->reusable();
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
