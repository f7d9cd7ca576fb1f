// One libpq connection (PostgreSQL's C client) and the replies of its statements. Not
// thread-safe: one caller at a time, which the pool (pg_pool.h) sees to.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/result.h"

namespace datahub::backend {

// SQLSTATEs the store answers differently from other failures.
inline constexpr std::string_view kUniqueViolation = "23505";

// The reply to one statement: its rows (as text), or why it failed.
class PgReply {
 public:
  // `lost`: the connection was found broken after the statement (the server went away).
  PgReply(PGresult* result, std::string connection_error, bool lost = false);

  bool ok() const { return m_ok; }
  int rows() const;
  std::string text(int row, int column) const;
  bool is_null(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE touched.
  long affected() const;

  // Empty when the statement succeeded (or the connection failed before an answer).
  const std::string& sqlstate() const { return m_sqlstate; }
  // The constraint a violation names (a unique index), else empty.
  const std::string& constraint() const { return m_constraint; }
  // True when the failure means the connection or the server is gone (a lost connection,
  // SQLSTATE class 08, 57P01-57P03).
  bool unavailable() const;
  // store-unavailable (503) when unavailable(), else Internal: "store: <doing>: <PostgreSQL's
  // message>".
  Problem problem(std::string_view doing) const;

 private:
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Clear> m_result;
  bool m_ok = false;
  bool m_lost = false;
  std::string m_sqlstate, m_constraint, m_message;
};

class PgConnection {
 public:
  // `conninfo`: a postgresql:// URI or libpq's key=value form. Problems never repeat it (it
  // may hold a password); they are store-unavailable, with libpq's reason in the detail.
  // Defaults the conninfo may override: connect_timeout=5 and TCP keepalives, so that a
  // vanished database host is noticed.
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // How long one statement may wait for its answer. A database that hangs (stopped, or its
  // host gone while the kernel still holds the TCP connection) is not seen by keepalives or
  // by its own statement_timeout: past this the connection is given up and the caller hears
  // 503 store-unavailable.
  static constexpr std::chrono::milliseconds kStatementDeadline{10000};

  // One statement with text parameters ($1, $2, ...). Without parameters the text may hold
  // several statements (the migrations).
  PgReply exec(const std::string& sql, const std::vector<std::string>& params = {});

  // Runs `step` between `begin` and COMMIT; a Problem from the step (or any failure) rolls
  // everything back.
  template <class T>
  Result<T> transaction(const std::function<Result<T>(PgConnection&)>& step,
                        const std::string& begin = "BEGIN") {
    if (auto opened = exec(begin); !opened.ok()) return opened.problem("beginning a transaction");
    Result<T> out = step(*this);
    if (!out) {
      exec("ROLLBACK");
      return out;
    }
    if (auto committed = exec("COMMIT"); !committed.ok()) return committed.problem("committing");
    return out;
  }

  // False once the connection is lost or left inside a transaction: the pool drops it.
  bool reusable() const;
  // True once the connection is broken (the server went away) or given up.
  bool lost() const;
  // True once a statement passed its deadline: the database hangs.
  bool timed_out() const { return m_timed_out; }

  // For LISTEN: the socket to wait on, reading what arrived (false when the connection
  // broke), and the payloads of the notifications read so far on `channel`.
  int socket() const;
  bool consume_input();
  std::vector<std::string> take_notifications(std::string_view channel);

 private:
  explicit PgConnection(PGconn* conn) : m_conn(conn) {}
  // Waits until the statement's answer is read in full; false when the deadline passed or the
  // connection broke first.
  bool wait_for_answer(std::chrono::steady_clock::time_point deadline);
  PgReply retire_if_gone(PgReply reply);
  PGconn* m_conn;
  // Set when a statement found the database gone or hung, or the server only readable (a
  // standby): the pool then closes this connection and a new one finds the writable server.
  bool m_retired = false;
  bool m_timed_out = false;
};

}  // namespace datahub::backend
