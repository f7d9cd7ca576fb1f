#include "pg_unavailable.h"

#include <algorithm>

namespace datahub::backend {

bool is_connection_lost_sqlstate(std::string_view sqlstate) {
  if (sqlstate.size() != 5) return false;
  // 25006: a read-only transaction, i.e. a standby (the old primary after a failover): a new
  // connection from a multi-host URI with target_session_attrs=read-write finds the primary.
  return sqlstate.substr(0, 2) == "08" || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03" || sqlstate == "25006";
}

Problem store_unavailable() {
  Problem p = make_problem(ProblemType::StoreUnavailable,
                           "The store (PostgreSQL) cannot be reached; retry shortly.");
  p.extensions["retry_after"] = 1;
  return p;
}

void ReconnectBackoff::failed(Clock::time_point now) {
  if (now < m_next) return;  // already waiting: an attempt that overlapped the first failure
  m_delay = m_delay.count() == 0 ? kFirst : std::min(m_delay * 2, kMax);
  m_next = now + m_delay;
}

void ReconnectBackoff::succeeded() {
  m_delay = std::chrono::milliseconds(0);
  m_next = {};
}

}  // namespace datahub::backend
