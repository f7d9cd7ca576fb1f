// `datahub-server backup` and `restore` as an operator runs them: a backup taken while a server
// takes writes holds every change acknowledged before it began, secrets included; restore
// refuses what would lose data or silently give a store without its secrets.
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "api_fixture.h"
#include "local_peer.h"

namespace datahub::testing {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code = -1;
  std::string output;
};

// Runs datahub-server with `args` (a shell word list), capturing stdout and stderr.
CommandRun run_server_command(const std::string& args) {
  CommandRun run;
  FILE* pipe = ::popen((ServerProcess::server_path() + " " + args + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) run.output += buffer;
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string secret_for(const std::string& name) {
  return "KEY-" + name + "-0bd5";
}

class BackupRestoreTest : public ApiTest {
 protected:
  void SetUp() override {
    m_api.server().Get("/api/ping", [this](const httplib::Request& req, httplib::Response& res) {
      m_api.record(req);
      res.set_content("pong", "text/plain");
    });
    m_api.start();
    start_reaching_loopback();
  }

  // A connector whose secret header reaches our upstream: it proves a secret survived.
  json keyed_connector(const std::string& name) {
    json c = no_auth_connector(name, m_api.url("/api"));
    c["headers"] = {{{"name", "X-API-Key"}, {"value", secret_for(name)}, {"secret", true}}};
    return c;
  }

  std::string data_dir() const { return m_dir->path() + "/data"; }

  LocalPeer m_api;
};

TEST_F(BackupRestoreTest, ABackupUnderWriteLoadHoldsEveryAcknowledgedChangeAndItsSecrets) {
  // Writers create connectors (each with its own secret) and edit them, all through the API.
  std::mutex mutex;
  std::vector<std::string> acknowledged;  // names whose create answered 201
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      auto client = m_server->client();
      for (int i = 0; !stop; ++i) {
        const std::string name = "W" + std::to_string(w) + "-" + std::to_string(i);
        auto r = client->Post("/api/connectors", keyed_connector(name).dump(), "application/json");
        if (!r || r->status != 201) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mutex);
        acknowledged.push_back(name);
      }
    });
  }
  while (true) {  // some writes first, so that the backup has something to hold
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard<std::mutex> lock(mutex);
    if (acknowledged.size() >= 40) break;
  }
  std::vector<std::string> before;
  {
    std::lock_guard<std::mutex> lock(mutex);
    before = acknowledged;
  }
  const std::string backup = m_dir->path() + "/store.backup";
  const CommandRun made = run_server_command("backup --data " + data_dir() + " --out " + backup);
  std::size_t during = 0;
  {
    std::lock_guard<std::mutex> lock(mutex);
    during = acknowledged.size() - before.size();
  }
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_EQ(made.exit_code, 0) << made.output;
  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(fs::exists(backup + ".partial"));
  EXPECT_EQ(fs::status(backup).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(read_file(backup).find(secret_for(before.front())), std::string::npos)
      << "secrets stay sealed in the backup";
  std::cout << "backup: " << before.size() << " connectors acknowledged before, " << during
            << " during; " << fs::file_size(backup) << " bytes\n";

  TempDir elsewhere;
  const std::string restored = elsewhere.path() + "/data";
  const CommandRun put_back = run_server_command("restore --in " + backup + " --data " + restored +
                                                 " --key " + data_dir() + "/secret.key");
  ASSERT_EQ(put_back.exit_code, 0) << put_back.output;
  m_server.reset();  // the original stops; the restored one takes over

  ServerConfig config;
  config.data_dir = restored;
  config.extra_args = {"--allow-private-networks"};
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  auto client = server.client();
  std::set<std::string> names;
  json first;
  for (std::string cursor;;) {  // every page
    auto list =
        client->Get("/api/connectors?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_TRUE(list);
    const json page = json::parse(list->body);
    for (const auto& c : page["items"]) names.insert(c["name"].get<std::string>());
    if (first.is_null()) first = page["items"][0];
    if (!page["next_cursor"].is_string()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_GE(names.size(), before.size());
  for (const auto& name : before) EXPECT_TRUE(names.count(name)) << name << " was lost";

  // Every restored connector keeps its history, and its secret still opens: the restored
  // server sends it upstream.
  const std::string base = "/api/connectors/" + first["id"].get<std::string>();
  auto history = client->Get(base + "/history");
  ASSERT_TRUE(history);
  EXPECT_EQ(json::parse(history->body)["items"][0]["action"], "created") << history->body;
  ASSERT_EQ(client->Post(base + "/activate", "{}", "application/json")->status, 200);
  auto sent =
      client->Post(base + "/request", R"({"method":"GET","path":"/ping"})", "application/json");
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, 200) << sent->body;
  ASSERT_FALSE(m_api.requests().empty());
  EXPECT_EQ(m_api.requests().back().get_header_value("X-API-Key"),
            secret_for(first["name"].get<std::string>()));
}

TEST_F(BackupRestoreTest, BackupNeverOverwritesAFileAndNeedsAStore) {
  const std::string backup = m_dir->path() + "/store.backup";
  std::ofstream(backup) << "an earlier backup";
  const CommandRun again = run_server_command("backup --data " + data_dir() + " --out " + backup);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;
  EXPECT_EQ(read_file(backup), "an earlier backup");

  // A link at the name, even one pointing nowhere, is not replaced.
  const std::string link = m_dir->path() + "/link.backup";
  fs::create_symlink(m_dir->path() + "/nowhere", link);
  const CommandRun linked = run_server_command("backup --data " + data_dir() + " --out " + link);
  EXPECT_NE(linked.exit_code, 0) << linked.output;
  EXPECT_TRUE(fs::is_symlink(link));

  TempDir empty;
  const CommandRun none =
      run_server_command("backup --data " + empty.path() + " --out " + empty.path() + "/b");
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.output.find("no store"), std::string::npos) << none.output;
  EXPECT_TRUE(fs::is_empty(empty.path())) << "nothing is created where there is no store";
}

TEST_F(BackupRestoreTest, RestoreRefusesWhatWouldLoseDataOrSecrets) {
  create(keyed_connector("ERP"));
  const std::string backup = m_dir->path() + "/store.backup";
  ASSERT_EQ(run_server_command("backup --data " + data_dir() + " --out " + backup).exit_code, 0);
  const std::string key = data_dir() + "/secret.key";
  TempDir target;

  // Without the key, the secrets could not be opened: refused before anything is written.
  const CommandRun no_key =
      run_server_command("restore --in " + backup + " --data " + target.path() + "/a");
  EXPECT_EQ(no_key.exit_code, 2);
  EXPECT_NE(no_key.output.find("--key"), std::string::npos) << no_key.output;
  EXPECT_FALSE(fs::exists(target.path() + "/a"));

  // Another key: refused, and the directory it made is gone again.
  const std::string other_key = target.path() + "/other.key";
  std::ofstream(other_key) << std::string(32, 'k');
  fs::permissions(other_key, fs::perms::owner_read | fs::perms::owner_write);
  const CommandRun wrong = run_server_command("restore --in " + backup + " --data " +
                                              target.path() + "/b --key " + other_key);
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.output.find("not the key"), std::string::npos) << wrong.output;
  EXPECT_FALSE(fs::exists(target.path() + "/b"));

  // A file that is not a backup (empty, or anything else): refused.
  for (const std::string& junk : {std::string(), std::string(8192, 'x')}) {
    const std::string file = target.path() + "/junk";
    std::ofstream(file, std::ios::trunc) << junk;
    const CommandRun bad =
        run_server_command("restore --in " + file + " --data " + target.path() + "/c --key " + key);
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("not a Data Hub backup"), std::string::npos) << bad.output;
    EXPECT_FALSE(fs::exists(target.path() + "/c"));
  }

  // A backup cut short (a copy that stopped halfway): refused with a message, not a crash.
  const std::string cut = target.path() + "/cut";
  const std::string whole = read_file(backup);
  std::ofstream(cut, std::ios::binary) << whole.substr(0, whole.size() / 2);
  const CommandRun truncated =
      run_server_command("restore --in " + cut + " --data " + target.path() + "/d --key " + key);
  EXPECT_EQ(truncated.exit_code, 1) << truncated.output;
  EXPECT_NE(truncated.output.find("cut short"), std::string::npos) << truncated.output;
  EXPECT_FALSE(fs::exists(target.path() + "/d"));

  // A directory with anything in it is never written into.
  const std::string used = target.path() + "/used";
  fs::create_directories(used);
  std::ofstream(used + "/notes.txt") << "mine";
  const CommandRun into_used =
      run_server_command("restore --in " + backup + " --data " + used + " --key " + key);
  EXPECT_NE(into_used.exit_code, 0);
  EXPECT_NE(into_used.output.find("not empty"), std::string::npos) << into_used.output;
  EXPECT_EQ(fs::directory_iterator(used)->path().filename(), "notes.txt");
  EXPECT_EQ(std::distance(fs::directory_iterator(used), fs::directory_iterator()), 1);

  // And the right way round works, into an empty directory that exists.
  const std::string fresh = target.path() + "/fresh";
  fs::create_directories(fresh);
  const CommandRun ok =
      run_server_command("restore --in " + backup + " --data " + fresh + " --key " + key);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("restored 1 connector "), std::string::npos) << ok.output;
  EXPECT_EQ(read_file(fresh + "/secret.key"), read_file(key));
}

}  // namespace
}  // namespace datahub::testing
