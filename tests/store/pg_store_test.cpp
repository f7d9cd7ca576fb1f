// What only the PostgreSQL store has to show: migrations that are idempotent and safe when two
// servers start at once, two servers (stores) on one database that agree on names and
// versions, secrets the database never sees, and a key check.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "connector_id.h"
#include "connector_service.h"
#include "datahub/text.h"
#include "if_match.h"
#include "pg_connection.h"
#include "pg_listener.h"
#include "pg_migrations.h"
#include "secret_key_file.h"
#include "store_contract.h"

namespace datahub::backend::testing {
namespace {

class PgStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<PgConnectorStore> open() {
    auto store = m_db.try_open();
    EXPECT_TRUE(store.ok()) << (store ? "" : store.problem().detail);
    return store ? std::move(*store) : nullptr;
  }

  // Runs SQL of the test's own on the database (the store's tables as they are).
  PgReply sql(const std::string& text) {
    if (!m_conn) {
      auto conn = PgConnection::connect(m_db.options.conninfo);
      EXPECT_TRUE(conn.ok());
      if (conn) m_conn = std::move(*conn);
    }
    return m_conn->exec(text);
  }

  PostgresBacking m_db;
  std::unique_ptr<PgConnection> m_conn;
};

TEST_F(PgStoreTest, MigrationsApplyOnceAndASecondStartChangesNothing) {
  auto first = open();
  ASSERT_TRUE(first);
  auto created = first->create(sample_connector("Kept"), entry("created", 1));
  ASSERT_TRUE(created.ok());
  first.reset();
  auto second = open();
  ASSERT_TRUE(second);
  EXPECT_EQ(*second->get(created->id), *created);
  auto versions = sql("SELECT count(*), max(version) FROM schema_migrations");
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions.text(0, 0), std::to_string(latest_pg_schema_version()));
  EXPECT_EQ(versions.text(0, 1), std::to_string(latest_pg_schema_version()));
}

TEST_F(PgStoreTest, ANewerSchemaIsRefused) {
  ASSERT_TRUE(open());
  ASSERT_TRUE(sql("INSERT INTO schema_migrations (version) VALUES (999)").ok());
  auto refused = m_db.try_open();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.problem().detail.find("schema version 999"), std::string::npos)
      << refused.problem().detail;
}

// Servers started together on an empty database: each migration once, every start succeeds.
TEST(PgStoreStart, ConcurrentStartsOnAnEmptyDatabaseAllSucceed) {
  for (int round = 0; round < 3; ++round) {
    PostgresBacking db;
    // Servers of one store share a key file made beforehand (the key file's own creation is
    // safe between processes, not between threads of one).
    SecretKey key{};
    ASSERT_TRUE(load_secret_key(db.options.data_dir / "secret.key", true, key).ok());
    std::vector<std::string> failures(4);
    at_once(4, [&](int i) {
      auto store = db.try_open();
      if (!store) failures[i] = store.problem().detail;
    });
    for (const std::string& failure : failures) EXPECT_EQ(failure, "") << "round " << round;
  }
}

// Two servers creating one name (in any case) at once: the unique index lets one through.
TEST_F(PgStoreTest, TwoStoresCreatingOneNameAtOnceGiveOneSuccessAndOneNameTaken) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  for (int round = 0; round < 20; ++round) {
    const std::string name = "Same name " + std::to_string(round);
    std::vector<std::optional<Problem>> outcomes(2);
    at_once(2, [&](int i) {
      ConnectorStore& store = i == 0 ? *a : *b;
      auto created =
          store.create(sample_connector(i == 0 ? name : to_upper_ascii(name)), entry("created", 1));
      if (!created) outcomes[i] = created.problem();
    });
    const int failed = (outcomes[0] ? 1 : 0) + (outcomes[1] ? 1 : 0);
    ASSERT_EQ(failed, 1) << "round " << round;
    const Problem& taken = outcomes[0] ? *outcomes[0] : *outcomes[1];
    EXPECT_EQ(taken.type, ProblemType::NameTaken);
    EXPECT_EQ(taken.status, 409);
    ASSERT_EQ(taken.errors.size(), 1u);
    EXPECT_EQ(taken.errors[0].field, "name");
  }
  EXPECT_EQ(a->count(), 20u);
}

// A change through one server, then a change through the other with the version it had read:
// the second is refused (412), whatever the other's cache held.
TEST_F(PgStoreTest, AStaleVersionThroughTheSecondStoreIsThePreconditionProblem) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  ConnectorService on_a(*a, new_connector_id);
  ConnectorService on_b(*b, new_connector_id);
  auto created = on_a.create({{"type", "api"},
                              {"name", "Shared"},
                              {"base_url", "https://erp.example.com/api"},
                              {"auth", {{"method", "none"}}}});
  ASSERT_TRUE(created.ok());
  const IfMatch version1{false, {1}};
  ASSERT_TRUE(on_a.set_status(created->id, ConnectorStatus::Active, version1).ok());
  auto stale = on_b.set_status(created->id, ConnectorStatus::Disabled, version1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.problem().type, ProblemType::PreconditionFailed);
  EXPECT_EQ(stale.problem().status, 412);
  // The store itself: a mutation that insists on version 1 sees version 2, from either store.
  auto refused = b->update(created->id, [](const Connector& current) -> Result<Change> {
    if (current.version != 1) return make_problem(ProblemType::PreconditionFailed, "stale");
    return Change{current, entry("updated", 2)};
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().type, ProblemType::PreconditionFailed);
  EXPECT_EQ(b->get(created->id)->version, 2);
  EXPECT_EQ(b->get(created->id)->status, ConnectorStatus::Active);
}

// Every row of every table of the store, as text, holds no secret: only sealed values.
TEST_F(PgStoreTest, TheDatabaseNeverHoldsAPlaintextSecret) {
  auto store = open();
  ASSERT_TRUE(store);
  Connector c = sample_connector("Secretive");
  auto created = store->create(c, entry("created", 1));
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(store
                  ->update(c.id,
                           [](const Connector& current) -> Result<Change> {
                             Change change{current, entry("updated", 2)};
                             change.next.auth.oauth2.client_secret.value =
                                 std::string(kSentinelSecret) + "-rotated";
                             change.next.version = 2;
                             return change;
                           })
                  .ok());
  ASSERT_TRUE(store->put_health(c.id, ConnectorHealth{}).ok());
  auto tables =
      sql("SELECT string_agg(format('SELECT %L || string_agg(t::text, chr(10)) FROM %I t', "
          "table_name, table_name), ' UNION ALL ') FROM information_schema.tables "
          "WHERE table_schema = 'public'");
  ASSERT_TRUE(tables.ok());
  auto dump = sql(tables.text(0, 0));
  ASSERT_TRUE(dump.ok());
  std::string all;
  for (int i = 0; i < dump.rows(); ++i) all += dump.text(i, 0) + "\n";
  EXPECT_NE(all.find("secretive"), std::string::npos) << "the search sees the rows";
  EXPECT_NE(all.find("connector_history"), std::string::npos);
  for (const std::string& secret :
       {std::string(kSentinelSecret), std::string(kSentinelHeader), std::string("pw-Secretive")}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << secret << " is in the database";
  }
  EXPECT_EQ(store->get(c.id)->auth.oauth2.client_secret.value,
            std::optional<std::string>(std::string(kSentinelSecret) + "-rotated"));
}

TEST_F(PgStoreTest, AServerWithAnotherKeyRefusesToStart) {
  ASSERT_TRUE(open());
  TempDir other_key;
  m_db.options.data_dir = other_key.path();  // a new secret.key is made there
  auto refused = m_db.try_open();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().type, ProblemType::Internal);
  EXPECT_NE(refused.problem().detail.find("secret key"), std::string::npos)
      << refused.problem().detail;
}

TEST_F(PgStoreTest, AnUnreachableDatabaseIsAProblemNamingNoPassword) {
  m_db.options.conninfo = "postgresql://datahub:hunter2@127.0.0.1:1/nothing?connect_timeout=5";
  auto refused = m_db.try_open();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.problem().detail.find("cannot connect"), std::string::npos);
  EXPECT_EQ(refused.problem().detail.find("hunter2"), std::string::npos);
}

TEST_F(PgStoreTest, AChangeThroughOneStoreIsReadThroughTheOther) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  auto created = a->create(sample_connector("Seen"), entry("created", 1));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(*b->get(created->id), *created);
  ASSERT_TRUE(b->remove(created->id, nullptr, entry("deleted", 0)).ok());
  EXPECT_EQ(a->get(created->id).problem().type, ProblemType::NotFound);
  EXPECT_EQ(a->history(created->id)->size(), 2u);
}

// Polls `done` every 20 ms for at most a minute: the bound is generous, nothing is timed.
bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// What a listener was told.
struct Heard {
  std::mutex mutex;
  std::vector<std::string> ids;
  int missed = 0;
  PgListener::Handlers handlers() {
    return {[this](std::string_view id) {
              std::lock_guard lock(mutex);
              ids.emplace_back(id);
            },
            [this] {
              std::lock_guard lock(mutex);
              ++missed;
            }};
  }
  std::size_t count(const std::string& id) {
    std::lock_guard lock(mutex);
    return static_cast<std::size_t>(std::count(ids.begin(), ids.end(), id));
  }
  int misses() {
    std::lock_guard lock(mutex);
    return missed;
  }
};

TEST_F(PgStoreTest, EveryChangeIsNotifiedToTheOtherStoresListener) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  Heard heard;
  auto listener = b->listen(heard.handlers());
  ASSERT_TRUE(eventually([&] { return listener->connected() && heard.misses() == 1; }));
  auto created = a->create(sample_connector("Told"), entry("created", 1));
  ASSERT_TRUE(created.ok());
  const std::string id = created->id;
  EXPECT_TRUE(eventually([&] { return heard.count(id) == 1; }));
  auto updated = a->update(id, [](const Connector& c) -> Result<Change> {
    Connector next = c;
    next.version = c.version + 1;
    return Change{next, entry("updated", next.version)};
  });
  ASSERT_TRUE(updated.ok());
  EXPECT_TRUE(eventually([&] { return heard.count(id) == 2; }));
  ASSERT_TRUE(a->remove(id, nullptr, entry("deleted", 0)).ok());
  EXPECT_TRUE(eventually([&] { return heard.count(id) == 3; }));
}

// The listener's session ended by the database: it reconnects, tells `missed` once LISTENing
// again, and hears changes as before.
TEST_F(PgStoreTest, AListenerReconnectsAndSaysItMissedNotifications) {
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  Heard heard;
  auto listener = b->listen(heard.handlers());
  ASSERT_TRUE(eventually([&] { return listener->connected() && heard.misses() == 1; }));
  ASSERT_TRUE(sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                  "current_database() AND query LIKE 'LISTEN%'")
                  .ok());
  // Told on the loss and again once LISTENing.
  ASSERT_TRUE(eventually([&] { return listener->connected() && heard.misses() == 3; }));
  auto created = a->create(sample_connector("After"), entry("created", 1));
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(eventually([&] { return heard.count(created->id) == 1; }));
}

}  // namespace
}  // namespace datahub::backend::testing
