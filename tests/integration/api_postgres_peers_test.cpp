// Two servers on one PostgreSQL database (issue 15): a change made through one reaches the
// other's very next request (LISTEN/NOTIFY, and a version check of what it cached), the same
// ETag on both is one 200 and one 412, one server's death leaves the other serving, and a
// database restart is 503 store-unavailable meanwhile and recovered from after.
#include <dirent.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "local_peer.h"
#include "postgres_peer.h"

namespace datahub::testing {
namespace {

constexpr const char* kUnavailable = "urn:datahub:problem:store-unavailable";

// Runs `sql` on the database at `url`; true when it succeeded.
bool run_sql(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
}

// Polls `done` every 50 ms for at most a minute: the bound is generous, nothing is timed.
bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

// The postmaster `root` and every process it started (its backends, checkpointer, ...).
std::vector<pid_t> cluster_processes(pid_t root) {
  std::vector<pid_t> out{root};
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return out;
  while (dirent* entry = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0) continue;
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    std::getline(stat, line);
    // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state;
    pid_t parent = 0;
    rest >> state >> parent;
    if (parent == root) out.push_back(pid);
  }
  ::closedir(proc);
  return out;
}

// A database that hangs: every process of the cluster stopped (SIGSTOP), its sockets still open,
// so the kernel still answers for it and keepalives see nothing. Resumed when this ends.
class HungDatabase {
 public:
  explicit HungDatabase(pid_t postmaster) : m_pids(cluster_processes(postmaster)) {
    for (pid_t pid : m_pids) ::kill(pid, SIGSTOP);
  }
  ~HungDatabase() { resume(); }
  void resume() {
    for (pid_t pid : m_pids) ::kill(pid, SIGCONT);
    m_pids.clear();
  }

 private:
  std::vector<pid_t> m_pids;
};

class ServersOnOneDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    // The upstream: /v1/fail fails (for health); everything else is recorded (the X-Round
    // header tells which version sent it) and works.
    m_api.server().Get("/v1/fail", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content("{}", "application/json");
    });
    m_api.server().Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      m_api.record(req);
      res.set_content("{\"ok\":true}", "application/json");
    });
    m_api.start();
  }

  // Servers A and B on `url`, sharing one key file.
  void start_servers(const std::string& url) {
    const std::string key = m_dir.path() + "/shared.key";
    std::ofstream(key, std::ios::binary) << std::string(32, 'k');
    ::chmod(key.c_str(), 0600);
    ServerConfig config;
    config.extra_args = {"--store", url, "--allow-private-networks"};
    config.env["DATAHUB_SECRET_KEY_FILE"] = key;
    config.data_dir = m_dir.path() + "/a";
    m_a = std::make_unique<ServerProcess>(config);
    ASSERT_TRUE(m_a->started()) << m_a->output();
    config.data_dir = m_dir.path() + "/b";
    m_b = std::make_unique<ServerProcess>(config);
    ASSERT_TRUE(m_b->started()) << m_b->output();
    m_on_a = m_a->client();
    m_on_b = m_b->client();
  }

  void start_on_shared_database() {
    PostgresPeer* db = PostgresPeer::shared();
    ASSERT_NE(db, nullptr) << "no PostgreSQL server for the test";
    m_url = db->create_database();
    ASSERT_FALSE(m_url.empty()) << db->error();
    start_servers(m_url);
  }

  // For a test that stops or halts its database: A and B on a cluster of the test's own.
  void start_on_own_database(PostgresPeer& db) {
    ASSERT_TRUE(db.start()) << db.error();
    const std::string url = db.create_database();
    ASSERT_FALSE(url.empty()) << db.error();
    start_servers(url);
  }

  json connector(const std::string& round) const {
    json c = no_auth_connector("Shared upstream", m_api.url("/v1"));
    json header = {{"name", "X-Round"}, {"value", round}, {"secret", false}};
    c["headers"] = json::array({header});
    return c;
  }

  static Reply put(httplib::Client& on, const std::string& path, const json& body,
                   std::int64_t version) {
    return to_reply(on.Put(path, {{"If-Match", "\"" + std::to_string(version) + "\""}}, body.dump(),
                           "application/json"));
  }
  static Reply post(httplib::Client& on, const std::string& path, const json& body) {
    return to_reply(on.Post(path, body.dump(), "application/json"));
  }
  static Reply data_request(httplib::Client& on, const std::string& id) {
    return post(on, "/api/connectors/" + id + "/request", {{"method", "GET"}, {"path", "/items"}});
  }

  // Creates and activates a connector on A; its id.
  std::string create_active(const std::string& round) {
    Reply created = post(*m_on_a, "/api/connectors", connector(round));
    EXPECT_EQ(created.status, 201) << created.raw;
    const std::string id = created.body.value("id", "");
    Reply active = post(*m_on_a, "/api/connectors/" + id + "/activate", json::object());
    EXPECT_EQ(active.status, 200) << active.raw;
    return id;
  }

  std::string last_round() {
    auto arrived = m_api.requests();
    return arrived.empty() ? "" : arrived.back().get_header_value("X-Round");
  }

  LocalPeer m_api;
  TempDir m_dir;
  std::string m_url;
  std::unique_ptr<ServerProcess> m_a, m_b;
  std::unique_ptr<httplib::Client> m_on_a, m_on_b;
};

TEST_F(ServersOnOneDatabase, AChangeOnAReachesBsVeryNextRequest) {
  start_on_shared_database();
  const std::string id = create_active("0");
  const std::string path = "/api/connectors/" + id;
  // B caches the connector (and would keep answering with it if nothing told it otherwise).
  ASSERT_EQ(data_request(*m_on_b, id).status, 200);
  ASSERT_EQ(last_round(), "0");
  std::int64_t version = 2;
  for (int round = 1; round <= 30; ++round) {
    const std::string value = "round-" + std::to_string(round);
    Reply changed = put(*m_on_a, path, connector(value), version);
    ASSERT_EQ(changed.status, 200) << changed.raw;
    version = changed.body["version"].get<std::int64_t>();
    // Every other round reads the connector first, the others send a data request first.
    if (round % 2 == 0) {
      Reply read = to_reply(m_on_b->Get(path));
      ASSERT_EQ(read.status, 200) << read.raw;
      EXPECT_EQ(read.header("ETag"), "\"" + std::to_string(version) + "\"") << "round " << round;
      EXPECT_EQ(read.body["headers"][0]["value"], value) << "round " << round;
    }
    Reply sent = data_request(*m_on_b, id);
    ASSERT_EQ(sent.status, 200) << sent.raw;
    EXPECT_EQ(last_round(), value) << "round " << round;
  }
  Reply deleted =
      to_reply(m_on_a->Delete(path, {{"If-Match", "\"" + std::to_string(version) + "\""}}));
  ASSERT_EQ(deleted.status, 204) << deleted.raw;
  EXPECT_EQ(to_reply(m_on_b->Get(path)).status, 404);
  EXPECT_EQ(data_request(*m_on_b, id).status, 404);
}

TEST_F(ServersOnOneDatabase, TheSameEtagOnBothIsOne200AndOne412) {
  start_on_shared_database();
  const std::string id = create_active("0");
  const std::string path = "/api/connectors/" + id;
  // Both servers have read version 2 and cached it.
  ASSERT_EQ(to_reply(m_on_a->Get(path)).status, 200);
  ASSERT_EQ(to_reply(m_on_b->Get(path)).status, 200);
  int on_a = 0, on_b = 0;
  std::thread edit_a([&] { on_a = put(*m_on_a, path, connector("from-a"), 2).status; });
  std::thread edit_b([&] { on_b = put(*m_on_b, path, connector("from-b"), 2).status; });
  edit_a.join();
  edit_b.join();
  EXPECT_EQ(std::min(on_a, on_b), 200);
  EXPECT_EQ(std::max(on_a, on_b), 412);
  Reply read = to_reply(m_on_b->Get(path));
  EXPECT_EQ(read.body["version"], 3) << read.raw;
}

TEST_F(ServersOnOneDatabase, BKeepsServingWhenAIsKilled) {
  start_on_shared_database();
  const std::string id = create_active("0");
  m_a->kill_hard();  // SIGKILL: no shutdown of any kind
  EXPECT_EQ(to_reply(m_on_b->Get("/api/connectors/" + id)).status, 200);
  EXPECT_EQ(data_request(*m_on_b, id).status, 200);
  Reply created = post(*m_on_b, "/api/connectors", no_auth_connector("Made on B"));
  EXPECT_EQ(created.status, 201) << created.raw;
  Reply listed = to_reply(m_on_b->Get("/api/connectors"));
  EXPECT_EQ(listed.body["total"], 2) << listed.raw;
}

// The database ends the pool's sessions (57P01, as on a failover or an operator's
// pg_terminate_backend) but stays up: the request on a dead connection is 503, the next one
// connects again. The listeners' sessions stay, so only the pool is tried.
TEST_F(ServersOnOneDatabase, AConnectionEndedByTheDatabaseIs503ThenReconnects) {
  start_on_shared_database();
  const std::string id = create_active("0");
  const std::string path = "/api/connectors/" + id;
  ASSERT_EQ(to_reply(m_on_b->Get(path)).status, 200);  // B's pool holds an idle connection
  ASSERT_TRUE(
      run_sql(m_url,
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
              "current_database() AND pid <> pg_backend_pid() AND query NOT LIKE 'LISTEN%'"));
  Reply lost = to_reply(m_on_b->Get(path));
  EXPECT_EQ(lost.status, 503) << lost.raw;
  EXPECT_EQ(lost.body["type"], kUnavailable) << lost.raw;
  EXPECT_EQ(lost.header("Retry-After"), "1") << lost.raw;
  EXPECT_EQ(to_reply(m_on_b->Get(path)).status, 200) << "a new connection";
  EXPECT_EQ(to_reply(m_on_b->Get("/api/health")).status, 200);
}

TEST_F(ServersOnOneDatabase, ADatabaseRestartIs503MeanwhileAndBothRecover) {
  PostgresPeer db;  // of its own: the shared one serves the other tests
  ASSERT_NO_FATAL_FAILURE(start_on_own_database(db));
  const std::string id = create_active("before");
  const std::string path = "/api/connectors/" + id;
  ASSERT_EQ(data_request(*m_on_b, id).status, 200);
  ASSERT_EQ(to_reply(m_on_a->Get("/api/health")).body["store"], "ok");

  db.halt();
  for (httplib::Client* on : {m_on_a.get(), m_on_b.get()}) {
    ASSERT_TRUE(eventually([&] { return to_reply(on->Get("/api/health")).status == 503; }));
    Reply health = to_reply(on->Get("/api/health"));
    EXPECT_EQ(health.body["status"], "unavailable") << health.raw;
    EXPECT_EQ(health.body["store"], "unavailable") << health.raw;
    // Store-backed routes, cached connector or not, reads and writes.
    for (const Reply& r : {to_reply(on->Get(path)), to_reply(on->Get("/api/connectors")),
                           data_request(*on, id), put(*on, path, connector("during"), 2),
                           post(*on, "/api/connectors", no_auth_connector("During"))}) {
      EXPECT_EQ(r.status, 503) << r.raw;
      EXPECT_EQ(r.body["type"], kUnavailable) << r.raw;
      EXPECT_EQ(r.header("Retry-After"), "1") << r.raw;
    }
  }

  ASSERT_TRUE(db.resume()) << db.error();
  for (httplib::Client* on : {m_on_a.get(), m_on_b.get()}) {
    EXPECT_TRUE(eventually([&] {
      return to_reply(on->Get("/api/health")).status == 200 &&
             to_reply(on->Get(path)).status == 200;
    }));
    Reply health = to_reply(on->Get("/api/health"));
    EXPECT_EQ(health.body["status"], "ok") << health.raw;
    EXPECT_EQ(health.body["store"], "ok") << health.raw;
  }
  Reply changed = put(*m_on_a, path, connector("after"), 2);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  ASSERT_EQ(data_request(*m_on_b, id).status, 200);
  EXPECT_EQ(last_round(), "after");
  // The listener threads stop with the servers (and, under ASan, leave nothing behind).
  EXPECT_EQ(m_a->stop(), 0) << m_a->output();
  EXPECT_EQ(m_b->stop(), 0) << m_b->output();
}

// A connector's health lives beside its record, not in its version: each server kept its own
// view, so A's failing upstream stayed "ok" on B. A health write now notifies the others.
TEST_F(ServersOnOneDatabase, HealthSeenOnAReachesB) {
  start_on_shared_database();
  const std::string id = create_active("0");
  const std::string path = "/api/connectors/" + id;
  ASSERT_EQ(data_request(*m_on_b, id).status, 200);
  ASSERT_EQ(to_reply(m_on_b->Get(path)).body["health"]["state"], "ok");  // B's board knows it
  Reply failed = post(*m_on_a, path + "/request", {{"method", "GET"}, {"path", "/fail"}});
  ASSERT_EQ(failed.status, 200) << "the upstream's 500 is passed on: " << failed.raw;
  ASSERT_EQ(to_reply(m_on_a->Get(path)).body["health"]["state"], "failing");
  EXPECT_TRUE(eventually([&] {
    return to_reply(m_on_b->Get(path)).body["health"]["state"] == "failing";
  })) << to_reply(m_on_b->Get(path)).raw;
  ASSERT_EQ(data_request(*m_on_b, id).status, 200);  // works again, seen on B
  EXPECT_TRUE(eventually([&] {
    return to_reply(m_on_a->Get(path)).body["health"]["state"] == "ok";
  })) << to_reply(m_on_a->Get(path)).raw;
}

// A hung database (stopped, not gone) once held every request that reached it for as long as it
// hung, and health said ok. Now a statement gets 10 s (PgConnection::kStatementDeadline) and
// then 503, new connections wait out the backoff, and health says unavailable.
TEST_F(ServersOnOneDatabase, AHungDatabaseIs503AfterTheStatementDeadlineNotAnEndlessWait) {
  PostgresPeer db;  // of its own: the shared one serves the other tests
  ASSERT_NO_FATAL_FAILURE(start_on_own_database(db));
  const std::string id = create_active("before");
  const std::string path = "/api/connectors/" + id;
  ASSERT_EQ(to_reply(m_on_b->Get(path)).status, 200);  // cached, and a pooled connection
  m_on_b->set_read_timeout(std::chrono::seconds(60));  // longer than the deadline

  HungDatabase hung(db.pid());
  Reply waited = to_reply(m_on_b->Get(path));  // the version check's statement hangs
  EXPECT_EQ(waited.status, 503) << waited.raw;
  EXPECT_EQ(waited.body["type"], kUnavailable) << waited.raw;
  EXPECT_EQ(waited.header("Retry-After"), "1") << waited.raw;
  Reply health = to_reply(m_on_b->Get("/api/health"));
  EXPECT_EQ(health.status, 503) << "the hang holds off new connections: " << health.raw;

  hung.resume();
  EXPECT_TRUE(eventually([&] {
    return to_reply(m_on_b->Get("/api/health")).status == 200 &&
           to_reply(m_on_b->Get(path)).status == 200;
  }));
  EXPECT_EQ(m_b->stop(), 0) << m_b->output();
}

}  // namespace
}  // namespace datahub::testing
