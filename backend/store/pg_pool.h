// A bounded pool of PostgreSQL connections: each concurrent caller gets a connection of its
// own (libpq connections are not shared between threads), at most `max_size` at once; the
// rest wait for one to come back. Connections are made when first needed. When the database
// is gone, a failed connection attempt holds off the next (pg_unavailable.h): callers meanwhile
// get store-unavailable at once; and one lost connection drops the idle ones with it (they
// most likely lost their server too).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pg_connection.h"
#include "pg_unavailable.h"

namespace datahub::backend {

class PgPool {
 public:
  PgPool(std::string conninfo, std::size_t max_size);

  // A connection held by one caller; back to the pool when the lease ends (dropped instead
  // when it is lost or was left in a transaction).
  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConnection> conn)
        : m_pool(&pool), m_conn(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *m_conn; }
    PgConnection* operator->() const { return m_conn.get(); }

   private:
    PgPool* m_pool;
    std::unique_ptr<PgConnection> m_conn;
  };

  // How long a caller waits for a connection while every one is in use.
  static constexpr std::chrono::milliseconds kAcquireDeadline{10000};

  // Waits while every connection is in use (up to kAcquireDeadline); store-unavailable then,
  // when a new one cannot be made, or at once while the last attempt's backoff lasts.
  Result<Lease> acquire();

  // False while a failed connection attempt holds off the next one.
  bool ready();
  // Closes the idle connections (after an outage they are dead; leased ones go when returned).
  void drop_idle();

  // Runs `step` in a transaction on a leased connection.
  template <class T>
  Result<T> transaction(const std::function<Result<T>(PgConnection&)>& step,
                        const std::string& begin = "BEGIN") {
    auto lease = acquire();
    if (!lease) return lease.problem();
    return (*lease)->transaction<T>(step, begin);
  }

 private:
  void give_back(std::unique_ptr<PgConnection> conn);

  const std::string m_conninfo;
  const std::size_t m_max_size;
  std::mutex m_mutex;
  std::condition_variable m_returned;
  std::vector<std::unique_ptr<PgConnection>> m_idle;  // under m_mutex
  std::size_t m_open = 0;                             // idle and leased, under m_mutex
  ReconnectBackoff m_backoff;                         // under m_mutex
};

}  // namespace datahub::backend
