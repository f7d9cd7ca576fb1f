#include "server_metrics.h"

#include "process_stats.h"
#include "prometheus_text.h"

namespace datahub::backend::metrics {

namespace {

// The method as a label: one of HTTP's own, else "other". Anyone can send any token as a method
// (before a credential is checked), so the raw text would let them add series without bound.
std::string_view method_label(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    if (method == known) return known;
  }
  return "other";
}

}  // namespace

void ServerMetrics::http_request(std::string_view method, std::string_view route, int status,
                                 double seconds) {
  method = method_label(method);
  if (status < 100 || status > 599) status = 0;  // three digits, from a bounded set
  char code[8];
  const int n = std::snprintf(code, sizeof code, "%d", status);
  m_http_requests.add({method, route, std::string_view(code, n > 0 ? std::size_t(n) : 0)});
  m_http_seconds.observe({route}, seconds);
}

void ServerMetrics::connector_request(std::string_view connector, std::string_view problem,
                                      double seconds) {
  m_connector_requests.add({connector});
  if (!problem.empty()) m_connector_errors.add({connector, problem});
  m_connector_seconds.observe({connector}, seconds);
}

void ServerMetrics::token_fetch(std::string_view connector, bool ok) {
  m_token_fetches.add({connector});
  if (!ok) m_token_failures.add({connector});
}

std::string ServerMetrics::render() const {
  PrometheusText out;
  out.counter(m_http_requests);
  out.histogram(m_http_seconds);
  out.counter(m_connector_requests);
  out.counter(m_connector_errors);
  out.histogram(m_connector_seconds);
  out.counter(m_token_fetches);
  out.counter(m_token_failures);
  if (store_bytes) {
    out.value("datahub_store_size_bytes", "gauge", "Bytes of the store in use", store_bytes());
  }
  if (connectors) out.value("datahub_connectors", "gauge", "Connectors stored", connectors());
  const ProcessStats process = read_process_stats();
  if (process.resident_memory_bytes) {
    out.value("process_resident_memory_bytes", "gauge", "Resident memory size in bytes",
              *process.resident_memory_bytes);
  }
  if (process.open_fds) {
    out.value("process_open_fds", "gauge", "Number of open file descriptors", *process.open_fds);
  }
  if (process.cpu_seconds) {
    out.value("process_cpu_seconds_total", "counter", "User and system CPU time spent in seconds",
              *process.cpu_seconds);
  }
  if (process.start_time_seconds) {
    out.value("process_start_time_seconds", "gauge",
              "Start time of the process since the Unix epoch in seconds",
              *process.start_time_seconds);
  }
  return out.text();
}

}  // namespace datahub::backend::metrics
