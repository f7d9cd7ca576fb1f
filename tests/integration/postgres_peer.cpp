#include "postgres_peer.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <thread>
#include <vector>

extern char** environ;

namespace datahub::testing {
namespace {

namespace fs = std::filesystem;

// The newest version directory with the server's binaries.
std::string find_bin_dir() {
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string version = entry.path().filename().string();
    if (version.empty() || version.find_first_not_of("0123456789") != std::string::npos) continue;
    const fs::path bin = entry.path() / "bin";
    if (!fs::exists(bin / "postgres") || !fs::exists(bin / "initdb")) continue;
    if (std::stoi(version) > best_version) {
      best_version = std::stoi(version);
      best = bin.string();
    }
  }
  return best;
}

bool as_root() {
  return ::geteuid() == 0;
}

// In `dir` (nobody may not enter the test's working directory, and PostgreSQL looks at it).
// As root, the command runs as nobody, and gets SIGQUIT (PostgreSQL's immediate shutdown)
// should the test process die without stopping it. Each wrapper execs the next: the pid stays
// the server's.
std::vector<std::string> unprivileged(const std::string& dir, std::vector<std::string> argv) {
  std::vector<std::string> wrapped = {"/usr/bin/env", "-C", dir};
  if (as_root()) {
    wrapped = {"/usr/bin/setpriv",
               "--reuid=nobody",
               "--regid=nogroup",
               "--clear-groups",
               "--pdeathsig=QUIT",
               "/usr/bin/env",
               "-C",
               dir};
  }
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs argv to its end with its output in `log`; true when it exits 0.
bool run(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return false;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

bool PostgresPeer::make_dir() {
  std::string pattern = (fs::temp_directory_path() / "datahub-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    m_error = std::string("mkdtemp: ") + std::strerror(errno);
    return false;
  }
  m_dir = pattern;
  if (as_root()) {
    const passwd* nobody = ::getpwnam("nobody");
    if (nobody == nullptr || ::chown(m_dir.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
      m_error = "cannot give " + m_dir + " to the user nobody";
      return false;
    }
  }
  return true;
}

bool PostgresPeer::init_cluster() {
  const std::string log = m_dir + "/initdb.log";
  if (!run(unprivileged(m_dir, {m_bin + "/initdb", "-D", m_dir + "/data", "--auth=trust", "-U",
                                "datahub", "--encoding=UTF8", "--locale=C", "--no-sync"}),
           log)) {
    m_error = "initdb failed:\n" + slurp(log);
    return false;
  }
  return true;
}

bool PostgresPeer::start() {
  const auto began = std::chrono::steady_clock::now();
  m_error.clear();
  m_bin = find_bin_dir();
  if (m_bin.empty()) {
    m_error =
        "no PostgreSQL server in /usr/lib/postgresql/*/bin (install Debian's postgresql, "
        "as tests/setup.sh does)";
    return false;
  }
  if (!make_dir() || !init_cluster()) return false;
  // A taken port is the one failure worth retrying: the port was free when picked.
  for (int attempt = 0; attempt < 5; ++attempt) {
    m_port = pick_loopback_port();
    const auto outcome = launch();
    if (outcome == PeerProcess::Outcome::kListening) {
      if (!wait_until_ready()) return false;
      m_start_time = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - began);
      return true;
    }
    if (outcome == PeerProcess::Outcome::kFailed) {
      m_error = "postgres did not start: " + m_process.error();
      return false;
    }
  }
  m_error = "postgres found every picked port taken";
  return false;
}

PeerProcess::Outcome PostgresPeer::launch() {
  const std::string log = m_dir + "/postgres.log";
  // Durability is not what these tests are about: no fsync makes each test's database quick.
  return m_process.start(
      unprivileged(m_dir, {m_bin + "/postgres", "-D", m_dir + "/data", "-k", m_dir, "-p",
                           std::to_string(m_port), "-c", "listen_addresses=127.0.0.1", "-c",
                           "fsync=off", "-c", "synchronous_commit=off", "-c",
                           "full_page_writes=off", "-c", "max_connections=200"}),
      log, m_port, [&log] { return slurp(log); });
}

void PostgresPeer::halt() {
  m_process.stop(SIGINT);  // fast shutdown; the data directory stays
}

bool PostgresPeer::resume() {
  m_error.clear();
  // The port may linger in TIME_WAIT a moment (PostgreSQL binds with SO_REUSEADDR).
  for (int attempt = 0; attempt < 50; ++attempt) {
    const auto outcome = launch();
    if (outcome == PeerProcess::Outcome::kListening) return wait_until_ready();
    if (outcome == PeerProcess::Outcome::kFailed) {
      m_error = "postgres did not start again: " + m_process.error();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  m_error = "postgres found its port taken";
  return false;
}

// Listening is not accepting yet: connections are refused while the server starts up.
bool PostgresPeer::wait_until_ready() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (PQping(url().c_str()) == PQPING_OK) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  m_error = "postgres did not accept connections within 30 s:\n" + slurp(m_dir + "/postgres.log");
  return false;
}

void PostgresPeer::stop() {
  m_process.stop(SIGQUIT);  // immediate shutdown (pg_ctl stop -m immediate)
  if (!m_dir.empty()) {
    std::error_code ec;
    fs::remove_all(m_dir, ec);
    m_dir.clear();
  }
}

std::string PostgresPeer::url(const std::string& database) const {
  return "postgresql://datahub@127.0.0.1:" + std::to_string(m_port) + "/" + database;
}

std::string PostgresPeer::create_database() {
  const std::string name = "db" + std::to_string(++m_databases);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url().c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    m_error = std::string("cannot connect: ") + PQerrorMessage(conn.get());
    return "";
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> created(
      PQexec(conn.get(), ("CREATE DATABASE " + name).c_str()), &PQclear);
  if (PQresultStatus(created.get()) != PGRES_COMMAND_OK) {
    m_error = std::string("CREATE DATABASE: ") + PQerrorMessage(conn.get());
    return "";
  }
  return url(name);
}

PostgresPeer* PostgresPeer::shared() {
  static PostgresPeer* peer = [] {
    static PostgresPeer instance;
    if (instance.start()) {
      std::fprintf(stderr, "postgres_peer: PostgreSQL on 127.0.0.1:%d, started in %lld ms\n",
                   instance.port(), static_cast<long long>(instance.start_time().count()));
      return &instance;
    }
    std::fprintf(stderr, "postgres_peer: %s\n", instance.error().c_str());
    return static_cast<PostgresPeer*>(nullptr);
  }();
  return peer;
}

}  // namespace datahub::testing
