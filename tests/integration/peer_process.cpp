#include "peer_process.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

extern char** environ;

namespace datahub::testing {
namespace {

// Generous: two cores shared with builds can make a daemon slow to start.
constexpr auto kStartTimeout = std::chrono::seconds(10);

// The inodes of the sockets a process holds ("socket:[12345]" links in /proc/PID/fd).
std::set<std::string> socket_inodes(pid_t pid) {
  std::set<std::string> inodes;
  const std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* dir = ::opendir(fd_dir.c_str());
  if (dir == nullptr) return inodes;
  while (const dirent* entry = ::readdir(dir)) {
    char target[64] = {};
    const std::string link = fd_dir + "/" + entry->d_name;
    const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
    const std::string text(target, n > 0 ? static_cast<size_t>(n) : 0);
    if (text.rfind("socket:[", 0) == 0) inodes.insert(text.substr(8, text.size() - 9));
  }
  ::closedir(dir);
  return inodes;
}

}  // namespace

PeerProcess::Outcome PeerProcess::start(const std::vector<std::string>& argv,
                                        const std::string& output_path, int port,
                                        const std::function<std::string()>& logs) {
  stop();
  m_error.clear();
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // A process group of its own: stop() then reaches nginx's workers too, even if the master
  // is gone. Default signal handling and an empty mask, whatever the test process set.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGTERM, SIGQUIT, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const int rc = ::posix_spawn(&m_pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    m_pid = -1;
    m_error = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return Outcome::kFailed;
  }

  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string exit = reap();
    const std::string text = logs();
    // nginx says so and keeps retrying for 2.5 s (do not wait for that); tinyproxy only says
    // it "could not create listening sockets", but then someone else answers on the port.
    if (text.find("Address already in use") != std::string::npos ||
        (!exit.empty() && loopback_accepts(port))) {
      stop(SIGKILL);
      return Outcome::kPortTaken;
    }
    if (!exit.empty()) {
      m_error =
          argv[0] + " " + exit + " before listening on port " + std::to_string(port) + ":\n" + text;
      return Outcome::kFailed;
    }
    if (child_listens_on(port) && loopback_accepts(port)) return Outcome::kListening;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop(SIGKILL);
  m_error = argv[0] + " did not listen on port " + std::to_string(port) + " within " +
            std::to_string(kStartTimeout.count()) + " s:\n" + logs();
  return Outcome::kFailed;
}

void PeerProcess::stop(int signal, std::chrono::milliseconds grace) {
  if (m_pid <= 0) return;
  ::kill(-m_pid, signal);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!reap().empty()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // The child is a zombie at worst until reaped, so its group id cannot have been reused.
  ::kill(-m_pid, SIGKILL);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
  m_pid = -1;
}

std::string PeerProcess::reap() {
  if (m_pid <= 0) return "exited";
  int status = 0;
  if (::waitpid(m_pid, &status, WNOHANG) != m_pid) return "";
  m_pid = -1;
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  return "was killed by signal " + std::to_string(WTERMSIG(status));
}

bool PeerProcess::child_listens_on(int port) const {
  const std::set<std::string> inodes = socket_inodes(m_pid);
  if (inodes.empty()) return false;
  // /proc/net/tcp: "sl local_address rem_address st ... inode", the address as the raw
  // network-order word printed as a number ("0100007F" on little-endian), the port in hex,
  // state 0A = LISTEN.
  char local[32];
  std::snprintf(local, sizeof local, "%08X:%04X", static_cast<unsigned>(htonl(INADDR_LOOPBACK)),
                static_cast<unsigned>(port));
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // the header
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, address, remote, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> address >> remote >> state >> queues >> timer >> retransmits >> uid >>
        timeout >> inode;
    if (address == local && state == "0A" && inodes.count(inode) > 0) return true;
  }
  return false;
}

int pick_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool loopback_accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace datahub::testing
