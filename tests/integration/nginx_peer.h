// Debian's nginx (package nginx-light) as an HTTPS upstream for tests: TLS with a test CA,
// HTTP/2, optionally asking for a client certificate, and an access log the test reads back to
// see how each request arrived. Everything (config, logs, pid, temp files) lives in a temporary
// directory; nginx runs in the foreground as a child of the test and stops with this object.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "peer_process.h"
#include "server_process.h"
#include "test_certificates.h"

namespace datahub::testing {

enum class ClientCertificate {
  kNotAsked,  // nginx never asks: a client certificate is not even sent
  kOptional,  // asked and verified when sent (ssl_verify_client optional)
  kRequired,  // no certificate from the client CA: 400 (ssl_verify_client on)
};

struct NginxOptions {
  // Each member has an initializer, so designated initializers may leave any out (-Wextra).
  std::string program = "/usr/sbin/nginx";  // Debian's nginx-light
  // Where make_certificates (for host "localhost") and, when a client certificate is asked,
  // make_client_certificate wrote their files. Empty: the peer makes them in its own directory.
  std::string cert_dir{};
  ClientCertificate client_certificate = ClientCertificate::kNotAsked;
  // More nginx directives inside the server block (locations for a test of its own).
  std::string extra_server_config{};
};

// One line of the access log; "-" (nginx's empty value) reads back as "", and bytes nginx
// escapes (quotes, backslashes, controls, non-ASCII) stay escaped as \xHH.
struct LoggedRequest {
  std::string method;          // $request_method
  std::string uri;             // $uri: the normalised path
  std::string request_uri;     // $request_uri: path and query as sent
  std::string protocol;        // $server_protocol: "HTTP/1.1" or "HTTP/2.0"
  std::string tls_protocol;    // $ssl_protocol: "TLSv1.3"
  std::string client_subject;  // $ssl_client_s_dn: "O=Datahub Tests,CN=Test Client" (RFC 2253)
  std::string client_verify;   // $ssl_client_verify: "SUCCESS", "NONE", "FAILED:..."
  std::string authorization;   // $http_authorization: which token the request carried
  int status = 0;              // $status
  long connection = 0;         // $connection: equal numbers mean one kept-alive connection
  bool tls_resumed = false;    // $ssl_session_reused: the TLS session was resumed
};

class NginxPeer {
 public:
  // Locations served, for every test:
  //   /v1/ping      200 {"ok":true,"peer":"nginx"} (application/json), any method
  //   /oauth/token  POST: 200 {"access_token":"tok-nginx","token_type":"Bearer",
  //                 "expires_in":3600}; other methods 405
  static constexpr const char* kAccessToken = "tok-nginx";

  explicit NginxPeer(NginxOptions options = {});
  ~NginxPeer() { stop(); }
  NginxPeer(const NginxPeer&) = delete;
  NginxPeer& operator=(const NginxPeer&) = delete;

  // Makes the certificates if needed, picks a free port, starts nginx and returns once it
  // accepts connections. False with the reason in error() (nginx missing, bad config...).
  bool start();
  const std::string& error() const { return m_error; }
  // SIGTERM (nginx's fast shutdown), then waits; the destructor does it too.
  void stop() { m_process.stop(); }

  int port() const { return m_port; }
  // "https://localhost:PORT/path": the host name the server certificate is for.
  std::string url(const std::string& path = "/") const;
  // The CA that signed nginx's certificate (PEM file), and every certificate file.
  std::string ca_file() const { return certificates().ca; }
  CertificateFiles certificates() const { return certificate_files(m_cert_dir); }
  // The directory nginx runs in (config, logs).
  const std::string& dir() const { return m_dir.path(); }

  // Every request logged so far. nginx logs a request after sending its response, so a client
  // may have its answer before the line is there: use wait_for_requests to check right after.
  std::vector<LoggedRequest> requests() const;
  // The log once it holds at least `count` requests, or as it is when `timeout` passes.
  std::vector<LoggedRequest> wait_for_requests(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(2)) const;

 private:
  std::string config() const;
  std::string logs() const;

  NginxOptions m_options;
  TempDir m_dir;
  std::string m_cert_dir;
  PeerProcess m_process;
  int m_port = 0;
  std::string m_error;
};

}  // namespace datahub::testing
