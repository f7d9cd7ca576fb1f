// The operator's nginx configuration (deploy/nginx/datahub.conf.in) run for a test: its
// placeholders filled in (the servers' ports, a loopback port, a web root), included in a small
// nginx.conf of the test's own that keeps everything (pid, logs, temp files) in a temporary
// directory and logs which server answered each request. nginx runs in the foreground as a child
// of the test and stops with this object.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "peer_process.h"
#include "server_process.h"

namespace datahub::testing {

// One line of the front's access log.
struct FrontRequest {
  std::string method;           // $request_method
  std::string request_uri;      // $request_uri
  int status = 0;               // $status: what the client got
  std::string upstream_addr;    // $upstream_addr: "127.0.0.1:P" or, after a retry, "A, B"; "" none
  std::string upstream_status;  // $upstream_status: "200" or "502, 200"; "" when none was asked
};

class NginxFront {
 public:
  // `server_ports`: the datahub servers on 127.0.0.1, one upstream `server` line each.
  NginxFront(std::vector<int> server_ports, std::string web_root);
  ~NginxFront() { stop(); }
  NginxFront(const NginxFront&) = delete;
  NginxFront& operator=(const NginxFront&) = delete;

  // HTTPS as the template's TLS notes say: its "#TLS " lines uncommented, with the certificate
  // make_certificates(cert_dir, "localhost") wrote. Before start().
  void use_tls(const std::string& cert_dir) { m_tls_cert_dir = cert_dir; }

  // Fills in the template, picks a port, starts nginx and returns once it accepts connections.
  // False with the reason in error().
  bool start();
  const std::string& error() const { return m_error; }
  void stop() { m_process.stop(); }

  int port() const { return m_port; }
  // "http://127.0.0.1:PORT/path", or "https://localhost:PORT/path" with TLS.
  std::string url(const std::string& path = "/") const;
  // deploy/nginx/datahub.conf.in as this front runs it.
  std::string filled_config() const;

  std::vector<FrontRequest> requests() const;
  // The log once it holds at least `count` requests (nginx logs after answering), or as it is
  // when `timeout` passes.
  std::vector<FrontRequest> wait_for_requests(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

  // The template's path (in the source tree).
  static std::string template_path();

 private:
  std::string main_config() const;
  std::string logs() const;

  std::vector<int> m_server_ports;
  std::string m_web_root;
  std::string m_tls_cert_dir;  // empty: plain http
  TempDir m_dir;
  PeerProcess m_process;
  int m_port = 0;
  std::string m_error;
};

}  // namespace datahub::testing
