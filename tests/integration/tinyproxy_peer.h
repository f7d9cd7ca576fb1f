// Debian's tinyproxy as the forward proxy of a test: plain http requests and CONNECT tunnels
// from 127.0.0.1 to any port, optionally behind Basic credentials, and a log the test reads
// back to count what went through it. tinyproxy runs in the foreground as a child of the test,
// in a temporary directory, and stops with this object.
#pragma once

#include <string>
#include <vector>

#include "peer_process.h"
#include "server_process.h"

namespace datahub::testing {

struct TinyproxyOptions {
  // Each member has an initializer, so designated initializers may leave any out (-Wextra).
  std::string program = "/usr/bin/tinyproxy";  // Debian's tinyproxy
  // Both set: clients must send Proxy-Authorization (else 407). tinyproxy's config syntax only
  // takes letters, digits and "-._" in them.
  std::string username{};
  std::string password{};
};

// A request line tinyproxy read, from its log.
struct ProxiedRequest {
  std::string method;     // "GET", "POST", "CONNECT"...
  std::string target;     // as sent: "http://127.0.0.1:8080/v1/x" or "localhost:8443"
  std::string host_port;  // "127.0.0.1:8080", "localhost:8443" (port 80 when the URL has none)
  // tinyproxy went on to open a connection to host_port; false when it refused the request
  // (missing or wrong credentials) before that.
  bool forwarded = false;
};

class TinyproxyPeer {
 public:
  explicit TinyproxyPeer(TinyproxyOptions options = {});
  ~TinyproxyPeer() { stop(); }
  TinyproxyPeer(const TinyproxyPeer&) = delete;
  TinyproxyPeer& operator=(const TinyproxyPeer&) = delete;

  // Picks a free port, starts tinyproxy and returns once it accepts connections. False with
  // the reason in error() (tinyproxy missing, credentials it cannot take...).
  bool start();
  const std::string& error() const { return m_error; }
  void stop() { m_process.stop(); }

  int port() const { return m_port; }
  // "http://127.0.0.1:PORT", without credentials.
  std::string url() const;
  const std::string& dir() const { return m_dir.path(); }

  // Every request line logged so far, in order. tinyproxy logs a request and its connection to
  // the target before answering, so a client that has its answer finds them here.
  std::vector<ProxiedRequest> requests() const;
  // How many requests with this method ("" for any) to host_port were forwarded.
  int count_forwarded(const std::string& method, const std::string& host_port) const;

 private:
  std::string config() const;

  TinyproxyOptions m_options;
  TempDir m_dir;
  PeerProcess m_process;
  int m_port = 0;
  std::string m_error;
};

}  // namespace datahub::testing
