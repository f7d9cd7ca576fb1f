// One libpq connection (PostgreSQL's C client) and the replies of its statements. Not
// thread-safe: one caller at a time, which the pool (pg_pool.h) sees to.
#pragma once

#include <libpq-fe.h>

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
  // True once the connection is broken (the server went away).
  bool lost() const;

  // For LISTEN: the socket to wait on, reading what arrived (false when the connection
  // broke), and the payloads of the notifications read so far on `channel`.
  int socket() const;
  bool consume_input();
  std::vector<std::string> take_notifications(std::string_view channel);

 private:
  explicit PgConnection(PGconn* conn) : m_conn(conn) {}
  PGconn* m_conn;
};

}  // namespace datahub::backend
