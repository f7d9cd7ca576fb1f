// The HTTP face of the server: every route of docs/API.md registered in one place, the admin
// token check, CORS, request logging, and the web build at "/".
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

#include "admin_auth.h"
#include "connector_service.h"
#include "datahub/transfer_documents.h"
#include "identity/identity_service.h"
#include "identity/oidc_client.h"
#include "metrics/server_metrics.h"
#include "net/guarded_server.h"
#include "outbound/connector_client.h"
#include "outbound_slots.h"
#include "request_gate.h"
#include "route_access.h"
#include "server_options.h"
#include "static_files.h"

namespace datahub::backend {

// One registered route, as the OpenAPI document names it ("/api/connectors/{id}").
struct RouteInfo {
  std::string method;
  std::string path;
};

class HttpApp {
 public:
  // With `tls`, the listener serves HTTPS only. Without `identity`, only the admin token signs
  // in (the routes of people and sessions answer 404).
  HttpApp(const ServerOptions& options, ConnectorService& service, const AdminAuth& auth,
          outbound::ConnectorClient& outbound, std::shared_ptr<const TlsContext> tls = nullptr,
          IdentityService* identity = nullptr);
  ~HttpApp();

  // Binds the listen address; returns the port (useful with port 0), or -1.
  int bind();
  // Serves until stop(). Returns false when the server could not run.
  bool listen();
  void stop();

  const std::vector<RouteInfo>& routes() const { return m_routes; }
  // OIDC sign-in (--oidc-issuer): set before listen(); without it the SSO routes answer 404.
  void enable_oidc(OidcClient* oidc) { m_oidc = oidc; }
  // What /api/metrics reports; main() adds the store's and the token endpoint's figures.
  metrics::ServerMetrics& metrics() { return m_metrics; }
  // Whether the store can be reached, for GET /api/health (cheap: it is public and polled).
  // Unset: always (the embedded store).
  void set_store_check(std::function<bool()> check) { m_store_check = std::move(check); }
  httplib::Server& server() { return m_server; }

  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // Registers `handler` for `method` on an OpenAPI-style path ("{id}" is an id segment), for
  // callers of `access`, checked before the body is read; by default the role route_access()'s
  // table names (a route missing there is refused at start-up).
  void route(const std::string& method, const std::string& path, Handler handler,
             std::optional<Access> access = std::nullopt);

  // The caller of the request this thread is handling (set before routing).
  static const Caller& caller();
  // Who the caller is in a history entry (docs/API.md, "People and access").
  static HistoryActor actor();

 private:
  void configure_server();
  void register_system_routes();
  void register_connector_routes();
  void register_outbound_routes();
  void register_transfer_routes();
  void register_identity_routes();
  void register_user_routes();
  void register_sso_routes();
  void register_token_routes();
  // An export by a token limited to some connectors covers only those (a 422 for others).
  std::optional<Problem> limit_to_caller(ExportRequest& request);
  // Logs a finished request and counts it by route and status.
  void finish_request(const httplib::Request& req, const httplib::Response& res);
  // Answers what needs no body (preflights, refusals, precompressed files); false otherwise.
  bool answer_before_body(const httplib::Request& req, httplib::Response& res) const;
  // The refusal of a request by who calls it (401, 403, csrf), or nothing; sets caller().
  std::optional<Problem> admit(const httplib::Request& req) const;
  Result<Caller> identify(const httplib::Request& req) const;
  void apply_cors(const httplib::Request& req, httplib::Response& res) const;

  const ServerOptions& m_options;
  ConnectorService& m_service;
  const AdminAuth& m_auth;
  outbound::ConnectorClient& m_outbound;
  IdentityService* m_identity;
  OidcClient* m_oidc = nullptr;
  bool m_secure_cookies;
  RouteAccessTable m_access;
  OutboundSlots m_outbound_slots;
  GuardedServer m_server;
  std::vector<RouteInfo> m_routes;
  RequestGate m_gate;
  metrics::ServerMetrics m_metrics;
  std::unique_ptr<PrecompressedFiles> m_precompressed;  // with --web
  std::function<bool()> m_store_check;
};

}  // namespace datahub::backend
