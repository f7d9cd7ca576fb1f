// A lost PostgreSQL store: which failures are store-unavailable (503) rather than internal
// (500), and the wait between connection attempts.
#include "store/pg_unavailable.h"

#include <gtest/gtest.h>

#include "store/pg_connection.h"

namespace datahub::backend {
namespace {

using std::chrono::milliseconds;

TEST(PgUnavailable, ConnectionExceptionsAndShutdownsAreUnavailable) {
  for (const char* state : {"08000", "08003", "08006", "08001", "08004", "08P01", "57P01", "57P02",
                            "57P03", "25006"}) {  // the last: a read-only transaction, on a standby
    EXPECT_TRUE(is_connection_lost_sqlstate(state)) << state;
  }
}

TEST(PgUnavailable, OtherFailuresAreNot) {
  // A unique violation, a cancelled query, a serialization failure, a syntax error, a missing
  // table, nothing and malformed codes.
  for (const char* state : {"23505", "57014", "57000", "40001", "42601", "42P01", "", "08", "0800",
                            "080060", "57P04"}) {
    EXPECT_FALSE(is_connection_lost_sqlstate(state)) << state;
  }
}

TEST(PgUnavailable, TheProblemIs503WithRetryAfter) {
  const Problem p = store_unavailable();
  EXPECT_EQ(p.type, ProblemType::StoreUnavailable);
  EXPECT_EQ(p.status, 503);
  EXPECT_EQ(p.extensions["retry_after"], 1);
  EXPECT_EQ(problem_name(p.type), "store-unavailable");
}

TEST(PgUnavailable, ALostConnectionIsUnavailableAndOtherFailuresInternal) {
  const PgReply lost(nullptr, "server closed the connection unexpectedly\n", true);
  EXPECT_TRUE(lost.unavailable());
  EXPECT_EQ(lost.problem("reading a record").type, ProblemType::StoreUnavailable);
  EXPECT_EQ(lost.problem("reading a record").detail.find("server closed"), std::string::npos)
      << "the database's words stay in the log";
  const PgReply failed(nullptr, "out of memory\n", false);
  EXPECT_FALSE(failed.unavailable());
  EXPECT_EQ(failed.problem("reading a record").type, ProblemType::Internal);
}

TEST(ReconnectBackoff, FirstAttemptIsAllowed) {
  ReconnectBackoff backoff;
  EXPECT_TRUE(backoff.may_try(ReconnectBackoff::Clock::now()));
  EXPECT_EQ(backoff.delay(), milliseconds(0));
}

TEST(ReconnectBackoff, Waits100MsDoublingTo5s) {
  ReconnectBackoff backoff;
  auto t = ReconnectBackoff::Clock::time_point{} + std::chrono::hours(1);
  const long expected[] = {100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000};
  for (long wait : expected) {
    backoff.failed(t);
    EXPECT_EQ(backoff.delay(), milliseconds(wait));
    EXPECT_FALSE(backoff.may_try(t));
    EXPECT_FALSE(backoff.may_try(t + milliseconds(wait - 1)));
    t += milliseconds(wait);
    EXPECT_TRUE(backoff.may_try(t));
  }
}

TEST(ReconnectBackoff, ASuccessStartsOver) {
  ReconnectBackoff backoff;
  auto t = ReconnectBackoff::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 4; ++i) {
    backoff.failed(t);
    t += backoff.delay();
  }
  EXPECT_EQ(backoff.delay(), milliseconds(800));
  backoff.succeeded();
  EXPECT_EQ(backoff.delay(), milliseconds(0));
  EXPECT_TRUE(backoff.may_try(t));
  backoff.failed(t);
  EXPECT_EQ(backoff.delay(), milliseconds(100));
}

TEST(ReconnectBackoff, OverlappingAttemptsFailOnce) {
  ReconnectBackoff backoff;
  auto t = ReconnectBackoff::Clock::time_point{} + std::chrono::hours(1);
  backoff.failed(t);
  // A second attempt started before the first failed, and fails inside the first's wait.
  backoff.failed(t + milliseconds(50));
  EXPECT_EQ(backoff.delay(), milliseconds(100));
  EXPECT_EQ(backoff.next_try(), t + milliseconds(100));
}

}  // namespace
}  // namespace datahub::backend
