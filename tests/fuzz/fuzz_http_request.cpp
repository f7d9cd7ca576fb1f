// Bytes as the server reads them from a connection: httplib 0.18.7's request parsing
// (request line, headers, bodies: length, chunked, ranges) with the pre-routing gate of
// HttpApp, its error handler, the web build's static files and JSON body reading. The input
// goes through an in-memory httplib::Stream, one connection of up to eight keep-alive
// requests, like Server::process_and_close_socket does with a socket; no network at all.
//
// The server is configured as HttpApp::configure_server does it, but its routes do not reach
// the store or the outbound client (a fuzzed /request must not send anything anywhere):
// a handler behind the gate records that it ran, and that must only happen with the token.
#include <filesystem>
#include <fstream>

#include "admin_auth.h"
#include "datahub/connector_json.h"
#include "fuzz_check.h"
#include "http_io.h"
#include "request_gate.h"
#include "static_files.h"

namespace {

using namespace datahub;
using namespace datahub::backend;

class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : m_in(in) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, m_in.size() - m_pos);
    std::copy_n(m_in.data() + m_pos, n, ptr);
    m_pos += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (m_out.size() < 64) m_out.append(ptr, std::min<size_t>(size, 64 - m_out.size()));
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  bool drained() const { return m_pos == m_in.size(); }
  const std::string& head() const { return m_out; }  // the first bytes written

 private:
  std::string_view m_in;
  size_t m_pos = 0;
  std::string m_out;
};

class FuzzServer : public httplib::Server {
 public:
  // Server::process_request is protected; this is how process_and_close_socket calls it.
  bool serve(httplib::Stream& strm, bool close_connection, bool& connection_closed) {
    return process_request(strm, "127.0.0.1", 40000, "127.0.0.1", 8080, close_connection,
                           connection_closed, nullptr);
  }
};

constexpr const char* kToken = "fuzz-admin-token";

struct App {
  std::filesystem::path web_dir;
  AdminAuth auth;
  RequestGate gate;
  FuzzServer server;
  bool protected_ran = false;
  bool authorized_request = false;

  explicit App(AdminAuth a) : auth(std::move(a)) {
    web_dir =
        std::filesystem::temp_directory_path() / ("datahub-fuzz-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(web_dir);
    std::ofstream(web_dir / "index.html")
        << "<!doctype html><title>Data Hub</title>" << std::string(2000, ' ');
    std::ofstream(web_dir / "app.js") << "console.log('datahub');\n";
    // The server's gate in small: /api/health is public, the rest needs the admin token.
    gate.admit = [this](const httplib::Request& req) -> std::optional<Problem> {
      if (req.path == "/api/health" ||
          auth.check_authorization(req.get_header_value("Authorization")))
        return std::nullopt;
      return make_problem(ProblemType::Unauthorized, "A credential is needed.");
    };
    configure();
  }
  ~App() {
    std::error_code ignored;
    std::filesystem::remove_all(web_dir, ignored);
  }

  void configure() {
    server.set_keep_alive_max_count(1000);
    server.set_payload_max_length(kMaxBodyBytes);
    server.set_pre_routing_handler(
        before_body([this](const httplib::Request& req, httplib::Response& res) {
          if (req.method == "OPTIONS" && is_api_path(req.path)) {
            res.status = 204;
            return true;
          }
          if (auto refused = gate.check(req)) {
            write_problem(res, *refused);
            return true;
          }
          return false;
        }));
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty() || res.status == 416) {
            return httplib::Server::HandlerResponse::Unhandled;
          }
          write_problem(
              res, make_problem(ProblemType::BadRequest, "error " + std::to_string(res.status)));
          return httplib::Server::HandlerResponse::Handled;
        }));
    server.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
      write_json(res, 200, {{"status", "ok"}});
    });
    const auto behind_gate = [this](const httplib::Request& req, httplib::Response& res) {
      protected_ran = true;
      authorized_request = auth.check_authorization(req.get_header_value("Authorization"));
      auto body = read_json_body(req, /*optional_body=*/true);
      if (!body) return write_problem(res, body.problem());
      auto parsed = parse_connector_json(*body);
      if (!parsed) return write_problem(res, parsed.problem());
      (void)read_if_match(req);
      write_json(res, 200, to_response_json(parsed->connector));
    };
    const std::string pattern = "/api/connectors(/[A-Za-z0-9_-]{1,64}(/[a-z]+)?)?";
    server.Get(pattern, behind_gate);
    server.Post(pattern, behind_gate);
    server.Put(pattern, behind_gate);
    server.Delete(pattern, behind_gate);
    FUZZ_CHECK(mount_web_build(server, web_dir.string()));
  }
};

AdminAuth fixed_auth() {
  std::optional<std::string> generated;
  auto auth = AdminAuth::init(std::string(kToken), {}, generated);
  FUZZ_CHECK(auth.has_value());
  return std::move(*auth);
}

App& app() {
  static App instance(fixed_auth());  // its web folder goes when the run ends
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  App& a = app();
  MemoryStream stream(datahub::fuzz::as_text(data, size));
  // As detail::process_server_socket: the last request allowed closes the connection.
  for (int left = 8; left > 0 && !stream.drained(); --left) {
    a.protected_ran = false;
    bool connection_closed = false;
    const bool ok = a.server.serve(stream, left == 1, connection_closed);
    // The gate's promise: a route behind it runs only for a caller with the token.
    if (a.protected_ran) FUZZ_CHECK(a.authorized_request);
    if (!ok || connection_closed) break;
  }
  const auto& head = stream.head();
  if (!head.empty()) FUZZ_CHECK(head.rfind("HTTP/1.1 ", 0) == 0);
  return 0;
}
