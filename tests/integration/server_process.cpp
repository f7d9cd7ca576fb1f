#include "server_process.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace datahub::testing {
namespace {

std::vector<std::string> environment(const ServerConfig& config) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  vars.erase("DATAHUB_ADMIN_TOKEN");
  vars.erase("DATAHUB_SECRET_KEY_FILE");
  if (config.with_admin_token) vars["DATAHUB_ADMIN_TOKEN"] = ServerProcess::admin_token();
  for (const auto& [k, v] : config.env) vars[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// The port from "datahub-server: listening on http://127.0.0.1:PORT" (or https://).
int find_port(const std::string& output) {
  const std::string marker = "listening on http";
  const std::string host = "://127.0.0.1:";
  auto at = output.find(marker);
  if (at == std::string::npos) return 0;
  at = output.find(host, at);
  if (at == std::string::npos) return 0;
  const auto start = at + host.size();
  const auto end = output.find('\n', start);
  if (end == std::string::npos) return 0;
  return std::atoi(output.substr(start, end - start).c_str());
}

}  // namespace

ServerProcess::ServerProcess(ServerConfig config) : m_config(std::move(config)) {
  // One log per process: a restarted server must not find its predecessor's port.
  static std::atomic<int> s_count{0};
  m_log_path = m_config.data_dir + "." + std::to_string(++s_count) + ".log";
  std::vector<std::string> args = {server_path(), "--listen", "127.0.0.1:0", "--data",
                                   m_config.data_dir};
  args.insert(args.end(), m_config.extra_args.begin(), m_config.extra_args.end());
  std::vector<std::string> env = environment(m_config);
  auto argv = pointers(args);
  auto envp = pointers(env);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, m_log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const int rc = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    m_pid = -1;
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    m_port = find_port(output());
    if (m_port > 0) break;
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      m_early_exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ServerProcess::~ServerProcess() {
  stop();
  std::filesystem::remove(m_log_path);
}

std::string ServerProcess::base_url() const {
  return "http://127.0.0.1:" + std::to_string(m_port);
}

long ServerProcess::peak_rss_kib() const {
  std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string ServerProcess::output() {
  return read_file(m_log_path);
}

int ServerProcess::wait_for_exit(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -2;
}

int ServerProcess::stop() {
  if (m_pid <= 0) return -1;
  ::kill(m_pid, SIGTERM);
  const int code = wait_for_exit(10000);
  if (code != -2) return code;
  kill_hard();
  return -1;
}

void ServerProcess::kill_hard() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  int status = 0;
  waitpid(m_pid, &status, 0);
  m_pid = -1;
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
  auto cli = std::make_unique<httplib::Client>("127.0.0.1", m_port);
  cli->set_bearer_token_auth(admin_token().c_str());
  cli->set_connection_timeout(std::chrono::seconds(5));
  cli->set_read_timeout(std::chrono::seconds(30));
  return cli;
}

const std::string& ServerProcess::admin_token() {
  static const std::string token = "test-admin-token-" + std::to_string(::getpid());
  return token;
}

std::string ServerProcess::server_path() {
  if (const char* path = std::getenv("DATAHUB_SERVER")) return path;
  return DATAHUB_SERVER_PATH;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "datahub-test-XXXXXX").string();
  m_path = ::mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace datahub::testing
