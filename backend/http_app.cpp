#include "http_app.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include <sodium.h>

#include "datahub/limit_text.h"
#include "http_io.h"
#include "identity/session_cookie.h"
#include "metrics/prometheus_text.h"
#include "openapi.h"
#include "request_log.h"
#include "security_headers.h"
#include "static_files.h"
#include "token_scope.h"

namespace datahub::backend {
namespace {

// Ids are made by the server from a URL-safe alphabet; anything else cannot name a connector.
constexpr const char* kIdPattern = "([A-Za-z0-9_-]{1,64})";

// The OpenAPI path of the route running on this thread, for the metrics; null before routing.
thread_local const std::string* t_route = nullptr;
// Who makes the request on this thread: set by the gate, before routing.
thread_local Caller t_caller;

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::string to_regex(const std::string& path) {
  std::string out = std::regex_replace(path, std::regex(R"(\{id\})"), kIdPattern);
  return out;
}

AdmissionLimits admission_limits(const ServerOptions& options) {
  AdmissionLimits limits;
  limits.workers = options.workers;
  limits.per_address = options.connections_per_address;
  limits.max_connections = options.max_connections;
  limits.timeouts.head =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.request_head_timeout_s * 1000));
  return limits;
}

}  // namespace

HttpApp::HttpApp(const ServerOptions& options, ConnectorService& service, const AdminAuth& auth,
                 outbound::ConnectorClient& outbound, std::shared_ptr<const TlsContext> tls,
                 IdentityService* identity)
    : m_options(options),
      m_service(service),
      m_auth(auth),
      m_outbound(outbound),
      m_identity(identity),
      m_secure_cookies(tls != nullptr),
      m_outbound_slots(OutboundSlots::capacity_for(static_cast<int>(options.workers))),
      m_server(admission_limits(options), std::move(tls)) {
  configure_server();
  register_system_routes();
  register_identity_routes();
  register_user_routes();
  register_sso_routes();
  register_token_routes();
  // httplib tries a method's routes in the order they were added, a regex each: the data
  // requests of /request, the hot path, go first.
  register_outbound_routes();
  register_transfer_routes();  // before "/api/connectors/{id}": "export" would match {id}
  register_connector_routes();
}

HttpApp::~HttpApp() {
  stop();
}

void HttpApp::configure_server() {
  m_gate.admit = [this](const httplib::Request& req) { return admit(req); };
  // Workers and connection admission are GuardedServer's (net/guarded_server.h).
  m_server.set_keep_alive_max_count(1000);
  m_server.set_tcp_nodelay(true);
  m_server.set_read_timeout(std::chrono::seconds(10));
  m_server.set_write_timeout(std::chrono::seconds(10));
  m_server.set_payload_max_length(kMaxBodyBytes);

  m_server.set_pre_routing_handler(
      before_body([this](const httplib::Request& req, httplib::Response& res) {
        mark_request_start();
        return answer_before_body(req, res);
      }));
  // Statuses httplib sets itself (404 without a route, 413, 400 on a broken request) get a
  // problem body too; answers that already have one are left alone.
  m_server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                     httplib::Response& res) {
    // Answers that have a body already, and a 416 for a file's range (no API answer).
    if (!res.body.empty() || res.status == 416) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 413) {
      write_problem(res, make_problem(ProblemType::PayloadTooLarge,
                                      "The body is over " + byte_size_text(kMaxBodyBytes) + "."));
    } else if (res.status == 404) {
      write_problem(res, make_problem(ProblemType::NotFound, "No such resource: " + req.path));
    } else if (res.status == 405) {
      write_problem(res, make_problem(ProblemType::BadRequest, "Method not allowed here."));
    } else {
      write_problem(res, make_problem(ProblemType::BadRequest, "The request could not be read."));
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  m_server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        write_problem(res, make_problem(ProblemType::Internal, "An internal error occurred."));
      });
  // Every answer passes here just before it is written (after the error handler), so a caller
  // that got its answer finds it already counted in /api/metrics; httplib's logger would run
  // after the write and let a scrape overtake the count.
  m_server.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    close_if_framing_lost(res);
    add_security_headers(req, res);
    finish_request(req, res);
  });
  if (!m_options.web_dir.empty() && mount_web_build(m_server, m_options.web_dir)) {
    m_precompressed = std::make_unique<PrecompressedFiles>(m_options.web_dir);
  }
}

void HttpApp::finish_request(const httplib::Request& req, const httplib::Response& res) {
  const double seconds = take_request_seconds();
  log_request(req, res, seconds);
  m_metrics.http_request(req.method, t_route ? std::string_view(*t_route) : "none", res.status,
                         seconds);
  t_route = nullptr;
  t_caller = Caller{};
}

bool HttpApp::answer_before_body(const httplib::Request& req, httplib::Response& res) const {
  apply_cors(req, res);
  if (req.method == "OPTIONS" && is_api_path(req.path)) {
    res.status = 204;
    return true;
  }
  if (auto refused = m_gate.check(req)) {
    write_problem(res, *refused);
    return true;
  }
  return m_precompressed && m_precompressed->serve(req, res);
}

const Caller& HttpApp::caller() {
  return t_caller;
}

HistoryActor HttpApp::actor() {
  const Caller& who = t_caller;
  switch (who.kind) {
    case Caller::Kind::User:
      return {"user", who.user.id, who.user.username};
    case Caller::Kind::ApiToken:
      return {"token", who.token_id, who.token_name};
    case Caller::Kind::AdminToken:
      break;
  }
  return {"admin-token", "admin-token", "admin-token"};
}

Result<Caller> HttpApp::identify(const httplib::Request& req) const {
  // A bearer token names the caller whatever cookie comes with it.
  if (req.has_header("Authorization")) {
    const std::string header = req.get_header_value("Authorization");
    if (m_auth.check_authorization(header)) return Caller{};
    const auto token = bearer_token(header);
    if (token && m_identity && token->starts_with(kApiTokenPrefix))
      return m_identity->tokens().resolve(*token);
    return make_problem(ProblemType::Unauthorized, "The token is not valid.");
  }
  auto session_id = session_cookie_from(req.get_header_value("Cookie"));
  if (session_id && m_identity) return m_identity->resolve_session(*session_id);
  return make_problem(ProblemType::Unauthorized,
                      "Sign in, or send the admin token as Authorization: Bearer <token>.");
}

std::optional<Problem> HttpApp::admit(const httplib::Request& req) const {
  t_caller = Caller{};
  const RouteAccessTable::Row* row = m_access.find(req.method, req.path);
  const Access* access = row ? &row->access : nullptr;
  if (access && access->is_public) return std::nullopt;
  // A public path asked with another method: there is nothing to sign in for.
  if (!access && m_access.is_public_path(req.path))
    return make_problem(ProblemType::NotFound, "No such resource: " + req.method + " " + req.path);
  auto caller = identify(req);
  if (!caller) return caller.problem();
  t_caller = std::move(caller).value();
  // An unknown route is httplib's 404 for anyone signed in.
  if (access && !role_allows(t_caller.role, access->role))
    return make_problem(ProblemType::Forbidden,
                        "This needs the " + std::string(role_name(access->role)) +
                            " role; you are " + std::string(role_name(t_caller.role)) + ".");
  if (row) {
    if (auto refused = token_scope_problem(t_caller, req.method, row->path, req.path))
      return refused;
  }
  // A browser sends the cookie with any request to /api, whoever made the page: a change needs
  // the token only the page that signed in was told.
  if (t_caller.by_cookie() && !is_safe_method(req.method)) {
    const std::string sent = req.get_header_value("X-CSRF-Token");
    const std::string& want = t_caller.csrf_token;
    if (sent.size() != want.size() || sodium_memcmp(sent.data(), want.data(), want.size()) != 0)
      return make_problem(ProblemType::Csrf, "Send the session's CSRF token as X-CSRF-Token.");
  }
  return std::nullopt;
}

void HttpApp::apply_cors(const httplib::Request& req, httplib::Response& res) const {
  if (!req.has_header("Origin")) return;
  const std::string origin = req.get_header_value("Origin");
  const auto& allowed = m_options.cors_origins;
  if (std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) return;
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Vary", "Origin");
  res.set_header("Access-Control-Allow-Headers",
                 "Authorization, Content-Type, If-Match, X-CSRF-Token");
  res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
  res.set_header("Access-Control-Expose-Headers", "ETag, Location");
  res.set_header("Access-Control-Max-Age", "600");
}

void HttpApp::route(const std::string& method, const std::string& path, Handler handler,
                    std::optional<Access> access) {
  const std::string pattern = to_regex(path);
  // The route's name outlives every request: it lives in the handler httplib keeps.
  handler = [name = path, inner = std::move(handler)](const httplib::Request& req,
                                                      httplib::Response& res) {
    t_route = &name;
    inner(req, res);
  };
  if (method == "GET")
    m_server.Get(pattern, std::move(handler));
  else if (method == "POST")
    m_server.Post(pattern, std::move(handler));
  else if (method == "PUT")
    m_server.Put(pattern, std::move(handler));
  else if (method == "DELETE")
    m_server.Delete(pattern, std::move(handler));
  else  // a route that would never answer: a mistake in this file, caught at start-up
    throw std::logic_error("HttpApp::route: method " + method + " for " + path +
                           " is not one of GET, POST, PUT, DELETE");
  // Listed (for the OpenAPI check) and made public only once httplib serves it.
  m_routes.push_back({method, path});
  // The caller is checked by the gate, before httplib reads the body.
  m_access.add(method, path, access ? *access : route_access(method, path));
}

void HttpApp::register_system_routes() {
  route(
      "GET", "/api/health",
      [this](const httplib::Request&, httplib::Response& res) {
        // A load balancer's probe: 503 takes a server without its store out of rotation.
        const bool store_ok = !m_store_check || m_store_check();
        write_json(res, store_ok ? 200 : 503,
                   {{"status", store_ok ? "ok" : "unavailable"},
                    {"version", DATAHUB_VERSION},
                    {"store", store_ok ? "ok" : "unavailable"}});
      },
      Access::public_route());
  route("GET", "/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    write_json(res, 200, openapi_document());
  });
  route("GET", "/api/metrics", [this](const httplib::Request&, httplib::Response& res) {
    // The figures name every connector: not for a token limited to some of them.
    if (caller().connector_ids)
      return write_problem(res, make_problem(ProblemType::Forbidden,
                                             "A token limited to some connectors cannot read "
                                             "the metrics: they name every connector."));
    res.set_content(m_metrics.render(), metrics::kContentType);
  });
}

int HttpApp::bind() {
  if (m_options.listen_port == 0) return m_server.bind_to_any_port(m_options.listen_host);
  return m_server.bind_to_port(m_options.listen_host, m_options.listen_port) ? m_options.listen_port
                                                                             : -1;
}

bool HttpApp::listen() {
  return m_server.listen_after_bind();
}

void HttpApp::stop() {
  if (m_server.is_running()) m_server.stop();
}

}  // namespace datahub::backend
