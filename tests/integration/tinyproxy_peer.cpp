#include "tinyproxy_peer.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace datahub::testing {
namespace {

// "host:port" of a request target: CONNECT's "host:port", or an absolute URL's authority
// (port 80 when it has none). Empty for anything else (a request for the proxy itself).
std::string host_port_of(const std::string& method, const std::string& target) {
  if (method == "CONNECT") return target;
  const std::string scheme = "http://";
  if (target.rfind(scheme, 0) != 0) return "";
  std::string authority =
      target.substr(scheme.size(), target.find_first_of("/?#", scheme.size()) - scheme.size());
  const auto at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  const auto bracket = authority.rfind(']');
  const auto colon = authority.rfind(':');
  const bool has_port =
      colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
  return has_port ? authority : authority + ":80";
}

// tinyproxy writes an IPv6 target without brackets ("::1:443") where the request had them.
std::string without_brackets(std::string host_port) {
  std::erase(host_port, '[');
  std::erase(host_port, ']');
  return host_port;
}

}  // namespace

TinyproxyPeer::TinyproxyPeer(TinyproxyOptions options) : m_options(std::move(options)) {}

bool TinyproxyPeer::start() {
  m_error.clear();
  if (::access(m_options.program.c_str(), X_OK) != 0) {
    m_error = "tinyproxy is missing: no " + m_options.program +
              " (install Debian's tinyproxy, as tests/setup.sh does)";
    return false;
  }
  const std::regex word("[-A-Za-z0-9._]+");
  if (!m_options.username.empty() &&
      !(std::regex_match(m_options.username, word) && std::regex_match(m_options.password, word))) {
    m_error = "tinyproxy's BasicAuth takes only letters, digits and -._ in a user or password";
    return false;
  }
  const std::string& dir = m_dir.path();
  // A taken port is the one failure worth retrying: the port was free when picked.
  for (int attempt = 0; attempt < 5; ++attempt) {
    m_port = pick_loopback_port();
    std::filesystem::remove(dir + "/tinyproxy.log");  // only this attempt's lines
    std::ofstream(dir + "/tinyproxy.conf") << config();
    const auto outcome = m_process.start(
        {m_options.program, "-d", "-c", dir + "/tinyproxy.conf"}, dir + "/tinyproxy.out", m_port,
        [&dir] { return read_file(dir + "/tinyproxy.out") + read_file(dir + "/tinyproxy.log"); });
    if (outcome == PeerProcess::Outcome::kListening) return true;
    if (outcome == PeerProcess::Outcome::kFailed) {
      m_error = "tinyproxy did not start: " + m_process.error();
      return false;
    }
  }
  m_error = "tinyproxy found every picked port taken";
  return false;
}

std::string TinyproxyPeer::config() const {
  std::ostringstream c;
  c << "# Written by TinyproxyPeer (tests/integration/tinyproxy_peer.cpp) for one test.\n"
    << "Port " << m_port << "\n"
    << "Listen 127.0.0.1\n"
    << "Timeout 30\n"
    << "MaxClients 64\n"
    << "Allow 127.0.0.1\n"
    // No ConnectPort line: CONNECT to every port (a test's nginx is on a random port).
    // Info, not Connect: only Info logs the connection to the target ("opensock: opening
    // connection to host:port"), which tells a forwarded request from a refused one.
    << "LogLevel Info\n"
    << "LogFile \"" << m_dir.path() << "/tinyproxy.log\"\n";
  // As root tinyproxy wants to be told whom to run as; root keeps its log in the private
  // temporary directory writable.
  if (::geteuid() == 0) c << "User root\nGroup root\n";
  if (!m_options.username.empty())
    c << "BasicAuth " << m_options.username << " " << m_options.password << "\n";
  return c.str();
}

std::string TinyproxyPeer::url() const {
  return "http://127.0.0.1:" + std::to_string(m_port);
}

std::vector<ProxiedRequest> TinyproxyPeer::requests() const {
  // "CONNECT   Dec 05 22:57:21.729 [29006]: Request (file descriptor 5): GET http://... HTTP/1.1"
  // "INFO      Dec 05 22:57:21.740 [29006]: opensock: opening connection to 127.0.0.1:38124"
  // The connection line does not say for which request: it marks the newest request to that
  // host:port not yet marked, right when requests are sequential (a refused request has no
  // such line, so it stays unmarked) and still right in count when threads interleave
  // forwarded requests to one target.
  const std::string request_marker = "]: Request (file descriptor ";
  const std::string open_marker = "]: opensock: opening connection to ";
  std::vector<ProxiedRequest> out;
  std::istringstream log(read_file(m_dir.path() + "/tinyproxy.log"));
  std::string line;
  while (std::getline(log, line)) {
    if (auto at = line.find(request_marker); at != std::string::npos) {
      const auto colon = line.find("): ", at);
      if (colon == std::string::npos) continue;
      std::istringstream request_line(line.substr(colon + 3));
      ProxiedRequest r;
      request_line >> r.method >> r.target;
      r.host_port = host_port_of(r.method, r.target);
      out.push_back(std::move(r));
    } else if (auto open = line.find(open_marker); open != std::string::npos) {
      const std::string target = without_brackets(line.substr(open + open_marker.size()));
      for (auto r = out.rbegin(); r != out.rend(); ++r) {
        if (!r->forwarded && without_brackets(r->host_port) == target) {
          r->forwarded = true;
          break;
        }
      }
    }
  }
  return out;
}

int TinyproxyPeer::count_forwarded(const std::string& method, const std::string& host_port) const {
  int count = 0;
  for (const auto& r : requests())
    if (r.forwarded && r.host_port == host_port && (method.empty() || r.method == method)) ++count;
  return count;
}

}  // namespace datahub::testing
