#include "nginx_peer.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace datahub::testing {
namespace {

// Tab-separated: nginx escapes tabs inside values (escape=default), so a subject with spaces
// or commas still splits cleanly.
constexpr const char* kLogFormat =
    "$request_method\\t$uri\\t$request_uri\\t$server_protocol\\t$ssl_protocol\\t"
    "$ssl_client_s_dn\\t$ssl_client_verify\\t$http_authorization\\t$status\\t$connection\\t"
    "$ssl_session_reused";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field == "-" ? "" : field);
  return fields;
}

}  // namespace

NginxPeer::NginxPeer(NginxOptions options) : m_options(std::move(options)) {
  m_cert_dir = m_options.cert_dir.empty() ? m_dir.path() : m_options.cert_dir;
}

bool NginxPeer::start() {
  m_error.clear();
  if (::access(m_options.program.c_str(), X_OK) != 0) {
    m_error = "nginx is missing: no " + m_options.program +
              " (install Debian's nginx-light, as tests/setup.sh does)";
    return false;
  }
  const bool client_ca = m_options.client_certificate != ClientCertificate::kNotAsked;
  if (m_options.cert_dir.empty()) {
    if (!make_certificates(m_cert_dir, "localhost") ||
        (client_ca && !make_client_certificate(m_cert_dir))) {
      m_error = "openssl could not make the test certificates in " + m_cert_dir;
      return false;
    }
  }
  const CertificateFiles files = certificates();
  for (const auto& file : {files.server_cert, files.server_key}) {
    if (::access(file.c_str(), R_OK) != 0) m_error += "missing " + file + "\n";
  }
  if (client_ca && ::access(files.client_ca.c_str(), R_OK) != 0)
    m_error += "missing " + files.client_ca + " (make_client_certificate)\n";
  if (!m_error.empty()) return false;

  const std::string& dir = m_dir.path();
  // A taken port is the one failure worth retrying: the port was free when picked.
  for (int attempt = 0; attempt < 5; ++attempt) {
    m_port = pick_loopback_port();
    // Only this attempt's complaints: an old "Address already in use" would fail it at once.
    std::filesystem::remove(dir + "/error.log");
    std::ofstream(dir + "/nginx.conf") << config();
    const auto outcome = m_process.start(
        {m_options.program, "-p", dir + "/", "-e", dir + "/error.log", "-c", dir + "/nginx.conf"},
        dir + "/nginx.out", m_port, [this] { return logs(); });
    if (outcome == PeerProcess::Outcome::kListening) return true;
    if (outcome == PeerProcess::Outcome::kFailed) {
      m_error = "nginx did not start: " + m_process.error();
      return false;
    }
  }
  m_error = "nginx found every picked port taken";
  return false;
}

std::string NginxPeer::config() const {
  const std::string& dir = m_dir.path();
  const CertificateFiles files = certificates();
  std::ostringstream c;
  c << "# Written by NginxPeer (tests/integration/nginx_peer.cpp) for one test.\n"
    << "daemon off;\n"
    << "master_process on;\n"
    << "worker_processes 1;\n";
  // The workers must read the certificates in a private temporary directory: as root they
  // would otherwise drop to nobody. Not root, nginx cannot switch users and ignores "user".
  if (::geteuid() == 0) c << "user root;\n";
  c << "pid \"" << dir << "/nginx.pid\";\n"
    << "lock_file \"" << dir << "/nginx.lock\";\n"
    << "error_log \"" << dir << "/error.log\" notice;\n"
    << "events { worker_connections 256; }\n"
    << "http {\n"
    << "  log_format peer escape=default '" << kLogFormat << "';\n"
    << "  access_log \"" << dir << "/access.log\" peer;\n";
  // Debian's defaults under /var/lib/nginx may not exist (or be writable) here.
  c << "  client_body_temp_path \"" << dir << "/body\";\n"
    << "  proxy_temp_path \"" << dir << "/proxy\";\n"
    << "  fastcgi_temp_path \"" << dir << "/fastcgi\";\n"
    << "  uwsgi_temp_path \"" << dir << "/uwsgi\";\n"
    << "  scgi_temp_path \"" << dir << "/scgi\";\n"
    << "  server {\n"
    << "    listen 127.0.0.1:" << m_port << " ssl http2;\n"
    << "    server_name localhost;\n"
    << "    ssl_certificate \"" << files.server_cert << "\";\n"
    << "    ssl_certificate_key \"" << files.server_key
    << "\";\n"
    // nginx 1.22 leaves TLS 1.3 out by default (and offers 1.0 and 1.1).
    << "    ssl_protocols TLSv1.2 TLSv1.3;\n";
  if (m_options.client_certificate != ClientCertificate::kNotAsked) {
    c << "    ssl_client_certificate \"" << files.client_ca << "\";\n"
      << "    ssl_verify_client "
      << (m_options.client_certificate == ClientCertificate::kRequired ? "on" : "optional")
      << ";\n";
  }
  c << "    default_type application/json;\n"
    << "    location = /v1/ping { return 200 '{\"ok\":true,\"peer\":\"nginx\"}'; }\n"
    << "    location = /oauth/token {\n"
    << "      if ($request_method != POST) { return 405; }\n"
    << "      return 200 '{\"access_token\":\"" << kAccessToken
    << "\",\"token_type\":\"Bearer\",\"expires_in\":3600}';\n"
    << "    }\n"
    << m_options.extra_server_config << "\n"
    << "  }\n"
    << "}\n";
  return c.str();
}

std::string NginxPeer::logs() const {
  return read_file(m_dir.path() + "/nginx.out") + read_file(m_dir.path() + "/error.log");
}

std::string NginxPeer::url(const std::string& path) const {
  const std::string slash = path.empty() || path[0] != '/' ? "/" : "";
  return "https://localhost:" + std::to_string(m_port) + slash + path;
}

std::vector<LoggedRequest> NginxPeer::requests() const {
  std::vector<LoggedRequest> out;
  // Whole lines only: a line without its newline may still be being written.
  std::string text = read_file(m_dir.path() + "/access.log");
  const auto end = text.rfind('\n');
  text.resize(end == std::string::npos ? 0 : end + 1);
  std::istringstream log(text);
  std::string line;
  while (std::getline(log, line)) {
    const auto f = split_tabs(line);
    if (f.size() < 11) continue;
    LoggedRequest r;
    r.method = f[0];
    r.uri = f[1];
    r.request_uri = f[2];
    r.protocol = f[3];
    r.tls_protocol = f[4];
    r.client_subject = f[5];
    r.client_verify = f[6];
    r.authorization = f[7];
    r.status = std::atoi(f[8].c_str());
    r.connection = std::atol(f[9].c_str());
    r.tls_resumed = f[10] == "r";
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<LoggedRequest> NginxPeer::wait_for_requests(std::size_t count,
                                                        std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto logged = requests();
  while (logged.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    logged = requests();
  }
  return logged;
}

}  // namespace datahub::testing
