#include "nginx_front.h"

#include "test_certificates.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace datahub::testing {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";  // Debian's nginx-light

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field == "-" ? "" : field);
  return fields;
}

}  // namespace

NginxFront::NginxFront(std::vector<int> server_ports, std::string web_root)
    : m_server_ports(std::move(server_ports)), m_web_root(std::move(web_root)) {}

std::string NginxFront::template_path() {
  return std::string(DATAHUB_SOURCE_DIR) + "/deploy/nginx/datahub.conf.in";
}

std::string NginxFront::filled_config() const {
  std::string text = read_file(template_path());
  for (std::size_t i = 0; i < m_server_ports.size(); ++i) {
    text = replace_all(text, "@SERVER_" + std::to_string(i + 1) + "@",
                       "127.0.0.1:" + std::to_string(m_server_ports[i]));
  }
  const std::string listen = "127.0.0.1:" + std::to_string(m_port);
  if (!m_tls_cert_dir.empty()) {
    const CertificateFiles files = certificate_files(m_tls_cert_dir);
    text = replace_all(text, "#TLS ", "");
    text = replace_all(text, "/etc/ssl/datahub/fullchain.pem", "\"" + files.server_cert + "\"");
    text = replace_all(text, "/etc/ssl/datahub/privkey.pem", "\"" + files.server_key + "\"");
  }
  text = replace_all(text, "@LISTEN@", m_tls_cert_dir.empty() ? listen : listen + " ssl");
  text = replace_all(text, "@SERVER_NAME@", "localhost");
  return replace_all(text, "@WEB_ROOT@", "\"" + m_web_root + "\"");
}

bool NginxFront::start() {
  m_error.clear();
  if (::access(kNginx, X_OK) != 0) {
    m_error = std::string("nginx is missing: no ") + kNginx +
              " (install Debian's nginx-light, as tests/setup.sh does)";
    return false;
  }
  if (read_file(template_path()).empty()) {
    m_error = "cannot read " + template_path();
    return false;
  }
  const std::string& dir = m_dir.path();
  for (int attempt = 0; attempt < 5; ++attempt) {
    m_port = pick_loopback_port();
    const std::string filled = filled_config();
    // A placeholder left over (the template grew one): nginx would fail on it less clearly.
    std::smatch left;
    if (std::regex_search(filled, left, std::regex("@[A-Z_0-9]+@"))) {
      m_error = "deploy/nginx/datahub.conf.in: " + left.str() + " is not filled in by the test";
      return false;
    }
    std::filesystem::remove(dir + "/error.log");
    std::ofstream(dir + "/datahub.conf") << filled;
    std::ofstream(dir + "/nginx.conf") << main_config();
    const auto outcome = m_process.start(
        {kNginx, "-p", dir + "/", "-e", dir + "/error.log", "-c", dir + "/nginx.conf"},
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

// What Debian's /etc/nginx/nginx.conf gives the operator's file (mime.types, the http block),
// with the paths of this test's directory and a log of which server answered.
std::string NginxFront::main_config() const {
  const std::string& dir = m_dir.path();
  std::ostringstream c;
  c << "# Written by NginxFront (tests/integration/nginx_front.cpp) for one test.\n"
    << "daemon off;\n"
    << "worker_processes 1;\n";
  // As root the workers would drop to nobody and could not read the private temporary web root.
  if (::geteuid() == 0) c << "user root;\n";
  c << "pid \"" << dir << "/nginx.pid\";\n"
    << "error_log \"" << dir << "/error.log\" notice;\n"
    << "events { worker_connections 256; }\n"
    << "http {\n"
    << "  include /etc/nginx/mime.types;\n"
    << "  default_type application/octet-stream;\n"
    << "  log_format front escape=default "
       "'$request_method\\t$request_uri\\t$status\\t$upstream_addr\\t$upstream_status';\n"
    << "  access_log \"" << dir << "/access.log\" front;\n"
    << "  client_body_temp_path \"" << dir << "/body\";\n"
    << "  proxy_temp_path \"" << dir << "/proxy\";\n"
    << "  fastcgi_temp_path \"" << dir << "/fastcgi\";\n"
    << "  uwsgi_temp_path \"" << dir << "/uwsgi\";\n"
    << "  scgi_temp_path \"" << dir << "/scgi\";\n"
    << "  include \"" << dir << "/datahub.conf\";\n"
    << "}\n";
  return c.str();
}

std::string NginxFront::logs() const {
  return read_file(m_dir.path() + "/nginx.out") + read_file(m_dir.path() + "/error.log");
}

std::string NginxFront::url(const std::string& path) const {
  if (!m_tls_cert_dir.empty()) return "https://localhost:" + std::to_string(m_port) + path;
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::vector<FrontRequest> NginxFront::requests() const {
  std::vector<FrontRequest> out;
  std::string text = read_file(m_dir.path() + "/access.log");
  const auto end = text.rfind('\n');  // whole lines only
  text.resize(end == std::string::npos ? 0 : end + 1);
  std::istringstream log(text);
  std::string line;
  while (std::getline(log, line)) {
    auto f = split_tabs(line);
    f.resize(5);  // trailing empty fields
    out.push_back({f[0], f[1], std::atoi(f[2].c_str()), f[3], f[4]});
  }
  return out;
}

std::vector<FrontRequest> NginxFront::wait_for_requests(std::size_t count,
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
