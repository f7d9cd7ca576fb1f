#include "pg_connection.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <cerrno>

#include "pg_unavailable.h"

namespace datahub::backend {

namespace {

std::string field(const PGresult* result, int code) {
  const char* value = result == nullptr ? nullptr : PQresultErrorField(result, code);
  return value == nullptr ? std::string() : std::string(value);
}

// libpq ends its messages with a newline.
std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

PgReply::PgReply(PGresult* result, std::string connection_error, bool lost)
    : m_result(result), m_lost(lost) {
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  m_ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (m_ok) return;
  m_sqlstate = field(result, PG_DIAG_SQLSTATE);
  m_constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
  m_message = trimmed(result == nullptr ? std::move(connection_error)
                                        : std::string(PQresultErrorMessage(result)));
}

int PgReply::rows() const {
  return m_ok ? PQntuples(m_result.get()) : 0;
}

std::string PgReply::text(int row, int column) const {
  return std::string(PQgetvalue(m_result.get(), row, column),
                     static_cast<std::size_t>(PQgetlength(m_result.get(), row, column)));
}

bool PgReply::is_null(int row, int column) const {
  return PQgetisnull(m_result.get(), row, column) != 0;
}

long PgReply::affected() const {
  const char* n = m_ok ? PQcmdTuples(m_result.get()) : "";
  return *n == '\0' ? 0 : std::stol(n);
}

bool PgReply::unavailable() const {
  return !m_ok && (m_lost || is_connection_lost_sqlstate(m_sqlstate));
}

Problem PgReply::problem(std::string_view doing) const {
  if (unavailable()) {
    // The caller hears 503; the reason is the operator's (it may name the database's host).
    spdlog::warn("store: {}: PostgreSQL is unavailable: {}", doing,
                 m_message.empty() ? "connection lost" : m_message);
    return store_unavailable();
  }
  return make_problem(ProblemType::Internal,
                      "store: " + std::string(doing) + ": " +
                          (m_message.empty() ? "PostgreSQL failed" : m_message));
}

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& conninfo) {
  // Listed before dbname, which expand_dbname turns into the conninfo's own settings: those
  // come later and win.
  const char* const keys[] = {
      "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
      "dbname",          nullptr};
  const char* const values[] = {"5", "1", "30", "10", "3", conninfo.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string why = conn == nullptr ? "out of memory" : trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    Problem p = store_unavailable();
    p.detail = "store: cannot connect to PostgreSQL: " + why;
    return p;
  }
  // Quiet: notices (e.g. "relation already exists, skipping") would go to stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() {
  PQfinish(m_conn);
}

// libpq's PQexec and PQexecParams wait without a limit; this sends the same way and waits for
// the answer up to a deadline. Like PQexec, the reply is the last result, or the first error
// (a statement after a failed one is not run).
PgReply PgConnection::exec(const std::string& sql, const std::vector<std::string>& params) {
  if (m_retired) return PgReply(nullptr, "the connection was given up", true);
  int sent = 0;
  if (params.empty()) {
    sent = PQsendQuery(m_conn, sql.c_str());
  } else {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::string& p : params) values.push_back(p.c_str());
    sent = PQsendQueryParams(m_conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0);
  }
  if (sent != 1) return retire_if_gone(PgReply(nullptr, PQerrorMessage(m_conn), lost()));
  const auto deadline = std::chrono::steady_clock::now() + kStatementDeadline;
  PGresult* kept = nullptr;
  for (;;) {
    if (!wait_for_answer(deadline)) {
      PQclear(kept);
      const bool hung = !lost();
      m_retired = true;
      m_timed_out = hung;
      return PgReply(nullptr,
                     hung ? "no answer within the statement deadline (10 s)"
                          : std::string(PQerrorMessage(m_conn)),
                     true);
    }
    PGresult* next = PQgetResult(m_conn);
    if (next == nullptr) break;
    const bool kept_error = kept != nullptr && PQresultStatus(kept) == PGRES_FATAL_ERROR;
    if (kept_error) {
      PQclear(next);
    } else {
      PQclear(kept);
      kept = next;
    }
  }
  return retire_if_gone(PgReply(kept, PQerrorMessage(m_conn), lost()));
}

bool PgConnection::wait_for_answer(std::chrono::steady_clock::time_point deadline) {
  while (PQisBusy(m_conn) == 1) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd waiting{PQsocket(m_conn), POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    if (PQconsumeInput(m_conn) != 1) return false;
  }
  return true;
}

PgReply PgConnection::retire_if_gone(PgReply reply) {
  if (reply.unavailable()) m_retired = true;
  return reply;
}

bool PgConnection::reusable() const {
  return !m_retired && PQstatus(m_conn) == CONNECTION_OK &&
         PQtransactionStatus(m_conn) == PQTRANS_IDLE;
}

bool PgConnection::lost() const {
  return m_retired || PQstatus(m_conn) == CONNECTION_BAD;
}

int PgConnection::socket() const {
  return PQsocket(m_conn);
}

bool PgConnection::consume_input() {
  return PQconsumeInput(m_conn) == 1 && !lost();
}

std::vector<std::string> PgConnection::take_notifications(std::string_view channel) {
  std::vector<std::string> out;
  while (PGnotify* n = PQnotifies(m_conn)) {
    if (channel == n->relname) out.emplace_back(n->extra);
    PQfreemem(n);
  }
  return out;
}

}  // namespace datahub::backend
