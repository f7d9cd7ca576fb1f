// An upstream that answers badly on purpose: a TCP server in the test process that reads each
// request head and then runs the test's script on the socket (a status line of 100 KB, an
// endless chunked body...). Bytes go out until the script ends or the client goes away.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace datahub::testing {

class HostileUpstream {
 public:
  // Writes the answer to one request; `send` is false once the client closed.
  using Script = std::function<void(const std::function<bool(std::string_view)>& send)>;

  explicit HostileUpstream(Script script);
  ~HostileUpstream();
  HostileUpstream(const HostileUpstream&) = delete;
  HostileUpstream& operator=(const HostileUpstream&) = delete;

  std::string url(const std::string& path = "") const;
  int requests() const { return m_requests; }

 private:
  void accept_loop();
  void serve(int fd);

  Script m_script;
  int m_listen = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_requests{0};
  std::thread m_thread;
  std::vector<std::thread> m_connections;
};

}  // namespace datahub::testing
