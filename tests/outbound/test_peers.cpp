#include "test_peers.h"

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>

namespace outbound_test {

std::string source_dir() {
  return DATAHUB_SOURCE_DIR;
}

// Each kept-alive connection holds a server thread until it closes (TOOLCHAIN.md), and the
// outbound pool keeps connections open: with httplib's default of 8 threads, 50 concurrent
// callers would wait for idle connections to time out. 64, as datahub-server itself uses.
LocalServer::LocalServer() {
  m_server.new_task_queue = [] { return new httplib::ThreadPool(64); };
}

LocalServer::~LocalServer() {
  m_server.stop();
  if (m_thread.joinable()) m_thread.join();
}

void LocalServer::start() {
  m_port = m_server.bind_to_any_port("127.0.0.1");
  serve();
}

bool LocalServer::start_at(const std::string& host, int port) {
  if (!m_server.bind_to_port(host, port)) return false;
  m_port = port;
  serve();
  return true;
}

void LocalServer::serve() {
  m_thread = std::thread([this] { m_server.listen_after_bind(); });
  while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::string LocalServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

RawServer::RawServer(Handler handle) : m_handle(std::move(handle)) {
  m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(m_listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&addr), &len);
  m_port = ntohs(addr.sin_port);
  ::listen(m_listener, 64);
  m_thread = std::thread([this] { accept_loop(); });
}

RawServer::~RawServer() {
  m_stopping = true;
  ::shutdown(m_listener, SHUT_RDWR);
  if (m_thread.joinable()) m_thread.join();
  for (auto& worker : m_workers) worker.join();
  ::close(m_listener);
}

void RawServer::accept_loop() {
  while (!m_stopping) {
    pollfd pfd{m_listener, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    int socket = ::accept(m_listener, nullptr, nullptr);
    if (socket < 0) continue;
    m_workers.emplace_back([this, socket] {
      m_handle(socket, m_stopping);
      ::close(socket);
    });
  }
}

std::string RawServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::string read_request_head(int socket) {
  std::string head;
  char buffer[1024];
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (head.find("\r\n\r\n") == std::string::npos && std::chrono::steady_clock::now() < give_up) {
    pollfd pfd{socket, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    auto n = ::recv(socket, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  return head;
}

void write_all(int socket, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    auto n = ::send(socket, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

void reset_connection(int socket) {
  linger l{1, 0};
  ::setsockopt(socket, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

ChildServer::ChildServer(std::vector<std::string> argv) {
  int out[2];
  if (::pipe(out) != 0) return;
  m_pid = ::fork();
  if (m_pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  // The port line, or nothing within 15 s (a missing interpreter or module).
  std::string line;
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  char c = 0;
  while (std::chrono::steady_clock::now() < give_up) {
    pollfd pfd{out[0], POLLIN, 0};
    if (::poll(&pfd, 1, 100) <= 0) continue;
    if (::read(out[0], &c, 1) != 1 || c == '\n') break;
    line += c;
  }
  ::close(out[0]);
  m_port = std::atoi(line.c_str());
}

ChildServer::~ChildServer() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
}

std::string ChildServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

}  // namespace outbound_test
