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
#include "metrics/server_metrics.h"
#include "net/guarded_server.h"
#include "outbound/connector_client.h"
#include "outbound_slots.h"
#include "request_gate.h"
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
  // With `tls`, the listener serves HTTPS only.
  HttpApp(const ServerOptions& options, ConnectorService& service, const AdminAuth& auth,
          outbound::ConnectorClient& outbound, std::shared_ptr<const TlsContext> tls = nullptr);
  ~HttpApp();

  // Binds the listen address; returns the port (useful with port 0), or -1.
  int bind();
  // Serves until stop(). Returns false when the server could not run.
  bool listen();
  void stop();

  const std::vector<RouteInfo>& routes() const { return m_routes; }
  // What /api/metrics reports; main() adds the store's and the token endpoint's figures.
  metrics::ServerMetrics& metrics() { return m_metrics; }
  httplib::Server& server() { return m_server; }

  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // Registers `handler` for `method` on an OpenAPI-style path ("{id}" is an id segment).
  // Every route but the public ones (exact paths) needs the admin token.
  void route(const std::string& method, const std::string& path, Handler handler,
             bool is_public = false);

 private:
  void configure_server();
  void register_system_routes();
  void register_connector_routes();
  void register_outbound_routes();
  void register_transfer_routes();
  // Logs a finished request and counts it by route and status.
  void finish_request(const httplib::Request& req, const httplib::Response& res);
  // Answers what needs no body (preflights, refusals, precompressed files); false otherwise.
  bool answer_before_body(const httplib::Request& req, httplib::Response& res) const;
  bool authorized(const httplib::Request& req) const;
  void apply_cors(const httplib::Request& req, httplib::Response& res) const;

  const ServerOptions& m_options;
  ConnectorService& m_service;
  const AdminAuth& m_auth;
  outbound::ConnectorClient& m_outbound;
  OutboundSlots m_outbound_slots;
  GuardedServer m_server;
  std::vector<RouteInfo> m_routes;
  RequestGate m_gate;
  metrics::ServerMetrics m_metrics;
  std::unique_ptr<PrecompressedFiles> m_precompressed;  // with --web
};

}  // namespace datahub::backend
