// What only the PostgreSQL identity store has to show: two stores (two servers, each with its
// own pool) on one database racing for the last admin, for one username and for the setup
// code, and tables that hold no password, session id, token or CSRF token in clear.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "identity_contract.h"
#include "pg_connection.h"

namespace datahub::backend::testing {
namespace {

class PgIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_a = open_identity(m_db);
    m_b = open_identity(m_db);
    ASSERT_TRUE(m_a && m_b);
  }

  // Every row of every table of the database, as text.
  std::string everything() {
    auto conn = PgConnection::connect(m_db.options.conninfo);
    EXPECT_TRUE(conn.ok());
    if (!conn) return "";
    std::string out;
    for (const char* table : {"users", "setup_code", "sessions", "api_tokens", "datahub_meta"}) {
      auto rows = (*conn)->exec(std::string("SELECT t::text FROM ") + table + " t");
      EXPECT_TRUE(rows.ok()) << table;
      for (int i = 0; i < rows.rows(); ++i) out += rows.text(i, 0) + "\n";
    }
    return out;
  }

  PostgresBacking m_db;
  IdentityHandle m_a;
  IdentityHandle m_b;
};

// The identity service's rule (identity_service.cpp): the last enabled admin stays one. The
// mutation waits a little before it answers, so that both transactions are open at once.
UserMutation demote() {
  return [](const StoredUser& current, std::size_t admins) -> Result<UserChange> {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (admins <= 1) return make_problem(ProblemType::LastAdmin, "the last admin");
    UserChange change{current, true, ""};
    change.next.user.role = Role::Viewer;
    change.next.user.version += 1;
    return change;
  };
}

UserMutation promote() {
  return [](const StoredUser& current, std::size_t) -> Result<UserChange> {
    UserChange change{current, false, ""};
    change.next.user.role = Role::Admin;
    return change;
  };
}

TEST_F(PgIdentityTest, TwoServersDemotingTheLastTwoAdminsAtOnceLeaveOne) {
  ASSERT_TRUE(m_a->create_user(sample_user("u_1", "one", Role::Admin)).ok());
  ASSERT_TRUE(m_a->create_user(sample_user("u_2", "two", Role::Admin)).ok());
  for (int round = 0; round < 20; ++round) {
    std::vector<Result<StoredUser>> results(2, make_problem(ProblemType::Internal, "not run"));
    at_once(2, [&](int i) {
      IdentityStore& server = i == 0 ? *m_a.identity : *m_b.identity;
      results[i] = server.update_user(i == 0 ? "u_1" : "u_2", demote());
    });
    const int demoted = results[0].ok() + results[1].ok();
    EXPECT_EQ(demoted, 1) << "round " << round;
    for (const auto& r : results) {
      if (!r) {
        EXPECT_EQ(r.problem().type, ProblemType::LastAdmin) << r.problem().detail;
      }
    }
    auto users = m_b->users();
    ASSERT_TRUE(users.ok());
    std::size_t admins = 0;
    for (const auto& u : *users) admins += u.role == Role::Admin && !u.disabled;
    ASSERT_EQ(admins, 1u) << "round " << round << ": never none";
    for (const char* id : {"u_1", "u_2"}) ASSERT_TRUE(m_a->update_user(id, promote()).ok());
  }
}

TEST_F(PgIdentityTest, TwoServersCreatingOneUsernameAtOnceMakeOneUser) {
  for (int round = 0; round < 5; ++round) {
    const std::string name = "dana" + std::to_string(round);
    std::vector<Result<StoredUser>> results(4, make_problem(ProblemType::Internal, "not run"));
    at_once(4, [&](int i) {
      IdentityStore& server = i % 2 == 0 ? *m_a.identity : *m_b.identity;
      std::string spelled = name;
      if (i >= 2) spelled[0] = 'D';  // the same name, folded
      results[i] = server.create_user(
          sample_user("u_" + std::to_string(round) + "_" + std::to_string(i), spelled));
    });
    int made = 0;
    for (const auto& r : results) {
      if (r) {
        ++made;
      } else {
        EXPECT_EQ(r.problem().type, ProblemType::NameTaken) << r.problem().detail;
      }
    }
    EXPECT_EQ(made, 1) << name;
  }
  EXPECT_EQ(*m_a->user_count(), 5u);
}

TEST_F(PgIdentityTest, TheSetupCodeIsUsedOnceAcrossTwoServers) {
  ASSERT_TRUE(m_a->put_setup_code({"h-code", 200}).ok());
  std::vector<Result<StoredUser>> results(2, make_problem(ProblemType::Internal, "not run"));
  at_once(2, [&](int i) {
    IdentityStore& server = i == 0 ? *m_a.identity : *m_b.identity;
    results[i] = server.create_user(
        sample_user("u_" + std::to_string(i), "root" + std::to_string(i), Role::Admin), "h-code",
        100);
  });
  EXPECT_EQ(results[0].ok() + results[1].ok(), 1);
  for (const auto& r : results) {
    if (!r) {
      EXPECT_EQ(r.problem().type, ProblemType::SetupDone) << r.problem().detail;
    }
  }
  EXPECT_EQ(*m_b->user_count(), 1u);
  EXPECT_EQ(m_b->check_setup_code("h-code", 100).problem().type, ProblemType::SetupDone);
}

TEST_F(PgIdentityTest, ASessionOrTokenMadeOnOneServerIsSeenAndEndedOnTheOther) {
  ASSERT_TRUE(m_a->create_user(sample_user("u_1", "ann", Role::Editor)).ok());
  ASSERT_TRUE(m_a->create_token(sample_token("t_1", "u_1", "hash-1")).ok());
  ASSERT_TRUE(m_a->put_session("s", sample_session("u_1", 100, "t_1")).ok());
  EXPECT_EQ(m_b->session("s")->csrf_token, "csrf-u_1-100");
  EXPECT_EQ(m_b->token_by_hash("hash-1")->id, "t_1");
  ASSERT_TRUE(m_b->remove_token("t_1").ok());
  EXPECT_EQ(m_a->session("s").problem().type, ProblemType::NotFound);
  EXPECT_EQ(m_a->token_by_hash("hash-1").problem().type, ProblemType::NotFound);
}

TEST_F(PgIdentityTest, NoPasswordSessionIdTokenOrCsrfTokenIsInTheTablesInClear) {
  // The store is given hashes, never a password, a session id or a token: what it must not
  // show is the CSRF token (it is answered to the session's holder, so it is sealed).
  const std::string csrf = "CSRF-SENTINEL-5f2c9d";
  ASSERT_TRUE(m_a->create_user(sample_user("u_1", "ann", Role::Admin)).ok());
  ASSERT_TRUE(m_a->create_token(sample_token("t_1", "u_1", "hash-1")).ok());
  ASSERT_TRUE(m_a->put_session("session-hash", Session{"u_1", 100, 100, csrf, ""}).ok());
  ASSERT_TRUE(m_a->put_setup_code({"setup-hash", 200}).ok());
  const std::string rows = everything();
  EXPECT_NE(rows.find("session-hash"), std::string::npos) << rows;
  EXPECT_NE(rows.find("$argon2id$"), std::string::npos) << "only the hash of a password";
  EXPECT_EQ(rows.find(csrf), std::string::npos) << rows;
  EXPECT_EQ(m_b->session("session-hash")->csrf_token, csrf) << "another server opens it";
}

TEST_F(PgIdentityTest, ACsrfTokenCopiedToAnotherSessionDoesNotOpen) {
  ASSERT_TRUE(m_a->put_session("one", Session{"u_1", 100, 100, "csrf-one", ""}).ok());
  ASSERT_TRUE(m_a->put_session("two", Session{"u_2", 100, 100, "csrf-two", ""}).ok());
  auto conn = PgConnection::connect(m_db.options.conninfo);
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->exec("UPDATE sessions SET csrf_sealed = (SELECT csrf_sealed FROM sessions "
                         "WHERE id_hash = 'one') WHERE id_hash = 'two'")
                  .ok());
  auto moved = m_b->session("two");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.problem().type, ProblemType::Internal);
}

}  // namespace
}  // namespace datahub::backend::testing
