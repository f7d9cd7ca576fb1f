// bench_startup_probe: starts datahub-server on a data directory and measures
//   - exec -> the "listening on" line on its stdout,
//   - exec -> the first 200 from GET /api/health (polled every 0.2 ms),
//   - VmRSS / RssAnon / RssFile from /proc/<pid>/status right after start, and again after a
//     list-page load (GET each --list-path --list-requests times),
// then stops the server with SIGTERM (SIGKILL after 5 s) and waits for it.
//
//   bench_startup_probe --server build/.../datahub-server --data DIR --port 18080 --token T
//     --list-requests 200 --list-path '/api/connectors' --list-path '/api/connectors?q=berlin'
//
// Prints: listen_ms=.. health_ms=.. rss_start_kib=.. anon_start_kib=.. file_start_kib=..
//         rss_after_kib=.. anon_after_kib=.. file_after_kib=.. hwm_kib=..
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// VmRSS, RssAnon, RssFile, VmHWM in KiB.
std::map<std::string, long> memory_of(pid_t pid) {
  std::map<std::string, long> out;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    for (const char* key : {"VmRSS", "RssAnon", "RssFile", "VmHWM", "Threads"}) {
      const std::string prefix = std::string(key) + ":";
      if (line.rfind(prefix, 0) == 0) out[key] = std::atol(line.c_str() + prefix.size());
    }
  }
  return out;
}

// Runs the server with stdout on a pipe; stderr goes to `log_path`.
pid_t spawn(const std::vector<std::string>& args, const std::string& token,
            const std::string& log_path, int& stdout_fd) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive the probe
    if (getppid() != parent) _exit(1);
    dup2(fds[1], 1);
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (log >= 0) dup2(log, 2);
    close(fds[0]);
    close(fds[1]);
    setenv("DATAHUB_ADMIN_TOKEN", token.c_str(), 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  stdout_fd = fds[0];
  return pid;
}

// Reads stdout until the "listening on" line; the rest (request logs) is drained and dropped.
void watch_stdout(int fd, Clock::time_point& listening_at, bool& listening) {
  std::string seen;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) {
    if (listening) continue;
    seen.append(buffer, static_cast<std::size_t>(n));
    if (seen.find("listening on") != std::string::npos) {
      listening_at = Clock::now();
      listening = true;
    }
  }
  close(fd);
}

bool wait_for_health(int port, Clock::time_point deadline, Clock::time_point& healthy_at) {
  while (Clock::now() < deadline) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(std::chrono::milliseconds(50));
    client.set_read_timeout(std::chrono::seconds(2));
    if (auto r = client.Get("/api/health"); r && r->status == 200) {
      healthy_at = Clock::now();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return false;
}

void stop(pid_t pid) {
  kill(pid, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() >= deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string server, data, token, log_path = "/dev/null";
  int port = 0;
  std::size_t list_requests = 0;
  std::vector<std::string> list_paths;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--server") server = value;
    if (flag == "--data") data = value;
    if (flag == "--token") token = value;
    if (flag == "--log") log_path = value;
    if (flag == "--port") port = std::atoi(value.c_str());
    if (flag == "--list-requests") list_requests = std::strtoull(value.c_str(), nullptr, 10);
    if (flag == "--list-path") list_paths.push_back(value);
  }
  if (server.empty() || data.empty() || token.empty() || port <= 0) {
    std::fprintf(stderr,
                 "usage: bench_startup_probe --server PATH --data DIR --port N --token T "
                 "[--log FILE] [--list-requests N] [--list-path P]...\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  int stdout_fd = -1;
  const auto exec_at = Clock::now();
  const pid_t pid = spawn({server, "--listen", "127.0.0.1:" + std::to_string(port), "--data", data},
                          token, log_path, stdout_fd);
  if (pid < 0) return 1;
  Clock::time_point listening_at{}, healthy_at{};
  bool listening = false;
  std::thread reader([&] { watch_stdout(stdout_fd, listening_at, listening); });
  const bool healthy = wait_for_health(port, exec_at + std::chrono::seconds(20), healthy_at);
  if (!healthy) {
    std::fprintf(stderr, "bench_startup_probe: no answer from /api/health within 20 s\n");
    stop(pid);
    reader.join();
    return 1;
  }
  auto at_start = memory_of(pid);

  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(true);
  client.set_bearer_token_auth(token.c_str());
  std::size_t failures = 0;
  for (std::size_t i = 0; i < list_requests; ++i) {
    for (const auto& path : list_paths) {
      auto r = client.Get(path.c_str());
      if (!r || r->status != 200) ++failures;
    }
  }
  auto after = memory_of(pid);
  stop(pid);
  reader.join();
  std::printf(
      "listen_ms=%.2f health_ms=%.2f rss_start_kib=%ld anon_start_kib=%ld file_start_kib=%ld "
      "rss_after_kib=%ld anon_after_kib=%ld file_after_kib=%ld hwm_kib=%ld threads=%ld "
      "list_failures=%zu\n",
      listening ? ms_between(exec_at, listening_at) : -1.0, ms_between(exec_at, healthy_at),
      at_start["VmRSS"], at_start["RssAnon"], at_start["RssFile"], after["VmRSS"], after["RssAnon"],
      after["RssFile"], after["VmHWM"], after["Threads"], failures);
  return failures == 0 ? 0 : 1;
}
