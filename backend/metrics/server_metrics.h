// What GET /api/metrics reports (docs/API.md, "Metrics"): requests by route and status,
// /request calls, errors and latency per connector, token fetches and failures per connector,
// the store's size and connector count, and the process's memory, descriptors and CPU.
// One per server, shared by all request threads.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "metric_family.h"

namespace datahub::backend::metrics {

class ServerMetrics {
 public:
  // A request answered: `method` counts as itself when it is one of HTTP's, else as "other";
  // `route` is the OpenAPI path of the route that ran, or "none" for an
  // answer given before routing (a refusal by the gate, an unknown path, the web build).
  void http_request(std::string_view method, std::string_view route, int status, double seconds);
  // A /request call through `connector`: `problem` is empty when the upstream answered (any
  // status), else the problem's name ("upstream-timeout", "token-error", ...).
  void connector_request(std::string_view connector, std::string_view problem, double seconds);
  // A token endpoint call for a saved connector (/request, or a test of it).
  void token_fetch(std::string_view connector, bool ok);

  // Figures read at scrape time, set once at start-up (unset ones are left out).
  std::function<double()> store_bytes;
  std::function<double()> connectors;

  // The Prometheus text of everything above.
  std::string render() const;

 private:
  CounterFamily m_http_requests{
      "datahub_http_requests_total",
      "HTTP requests answered, by method, route (the OpenAPI path; none when answered before "
      "routing) and status",
      {"method", "route", "status"}};
  HistogramFamily m_http_seconds{"datahub_http_request_duration_seconds",
                                 "Time from a request's head to its answer, by route",
                                 {"route"}};
  CounterFamily m_connector_requests{
      "datahub_connector_requests_total", "/request calls, by connector id", {"connector"}};
  CounterFamily m_connector_errors{
      "datahub_connector_request_errors_total",
      "/request calls answered with a problem instead of the upstream's answer, by connector id "
      "and problem",
      {"connector", "problem"}};
  HistogramFamily m_connector_seconds{"datahub_connector_request_duration_seconds",
                                      "Time a /request call took, by connector id",
                                      {"connector"}};
  CounterFamily m_token_fetches{"datahub_token_fetches_total",
                                "OAuth 2.0 token endpoint calls, by connector id",
                                {"connector"}};
  CounterFamily m_token_failures{
      "datahub_token_fetch_failures_total",
      "OAuth 2.0 token endpoint calls that gave no token, by connector id",
      {"connector"}};
};

}  // namespace datahub::backend::metrics
