// An httplib server in the test process on an ephemeral loopback port: a token endpoint or an
// upstream API that records what reached it.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace datahub::testing {

class LocalPeer {
 public:
  LocalPeer() = default;
  ~LocalPeer() { stop(); }

  httplib::Server& server() { return m_server; }
  // Binds to 127.0.0.1 on a free port and serves on a thread.
  void start() {
    m_server.set_keep_alive_timeout(1);  // stops promptly even with clients still connected
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) std::this_thread::yield();
  }
  void stop() {
    if (m_thread.joinable()) {
      m_server.stop();
      m_thread.join();
    }
  }
  int port() const { return m_port; }
  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

  // What arrived, for the test to check.
  void record(const httplib::Request& req) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_requests.push_back(req);
  }
  std::vector<httplib::Request> requests() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests;
  }

 private:
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
  std::mutex m_mutex;
  std::vector<httplib::Request> m_requests;
};

}  // namespace datahub::testing
