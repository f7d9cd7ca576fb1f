// Real peers for the outbound tests, all on 127.0.0.1 and ephemeral ports: an httplib server on
// a thread, a raw TCP server for misbehaving upstreams, and child processes (httpbin, the npm
// oauth2-mock-server) that print their port.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace outbound_test {

// An httplib::Server listening on 127.0.0.1 while the object lives.
class LocalServer {
 public:
  LocalServer();
  ~LocalServer();
  httplib::Server& server() { return m_server; }
  // Starts listening on 127.0.0.1 and a free port; register the routes first.
  void start();
  // The same on `host`:`port`; false when that cannot be bound.
  bool start_at(const std::string& host, int port);
  int port() const { return m_port; }
  std::string url(const std::string& path = "") const;

 private:
  void serve();
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
};

// A TCP server that hands every accepted socket to `handle` on a thread of its own (for
// answers no HTTP server would give: garbage, resets, dripping bytes).
class RawServer {
 public:
  using Handler = std::function<void(int socket, const std::atomic<bool>& stopping)>;
  explicit RawServer(Handler handle);
  ~RawServer();
  int port() const { return m_port; }
  std::string url(const std::string& path = "/") const;

 private:
  void accept_loop();
  Handler m_handle;
  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
  std::vector<std::thread> m_workers;
};

// Reads a request head (up to the blank line) from a raw socket, or gives up after 2 s.
std::string read_request_head(int socket);
void write_all(int socket, const std::string& data);
// Closes with RST instead of FIN.
void reset_connection(int socket);

// A child process started with argv; its first stdout line is its port. Killed (by its own
// pid) and reaped when the object goes.
class ChildServer {
 public:
  ChildServer(std::vector<std::string> argv);
  ~ChildServer();
  bool ok() const { return m_port > 0; }
  int port() const { return m_port; }
  std::string url(const std::string& path = "") const;

 private:
  pid_t m_pid = -1;
  int m_port = 0;
};

std::string source_dir();

}  // namespace outbound_test
