// The routes that reach out: test a saved or unsaved connector, and proxy a data request.
#include <chrono>

#include <spdlog/spdlog.h>

#include "datahub/connector_json.h"
#include "http_app.h"
#include "http_io.h"
#include "outbound/proxy_messages.h"

namespace datahub::backend {
namespace {

// Retry-After: 1 — slots free as soon as any slow upstream answers or times out.
Problem busy() {
  Problem p = make_problem(ProblemType::Busy,
                           "Too many calls to upstreams are waiting for an answer; retry shortly.");
  p.extensions["retry_after"] = 1;
  return p;
}

Problem connector_disabled() {
  return make_problem(ProblemType::ConnectorDisabled,
                      "The connector is disabled: activate it before sending data requests.");
}

// The unsaved connector of the create form's "Test connection", with an optional
// "test": {"method","path"} member choosing the request to try.
Result<outbound::TestRequest> test_of_unsaved(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("test")) return outbound::TestRequest{};
  return outbound::test_request_from_json(body["test"]);
}

}  // namespace

void HttpApp::register_outbound_routes() {
  route("POST", "/api/connectors/{id}/request",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto body = read_json_body(req);
          if (!body) return write_problem(res, body.problem());
          auto request = outbound::proxy_request_from_json(std::move(body).value());
          if (!request) return write_problem(res, request.problem());
          auto cached = m_service.get(req.matches[1].str());
          if (!cached) return write_problem(res, cached.problem());
          const Connector& connector = *cached->connector;
          if (connector.status != ConnectorStatus::Active) {
            return write_problem(res, connector_disabled());
          }
          auto slot = m_outbound_slots.try_take();
          if (!slot) return write_problem(res, busy());
          const auto started = std::chrono::steady_clock::now();
          auto answer = m_outbound.request(connector, request.value());
          const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
          m_metrics.connector_request(
              connector.id, answer ? "" : problem_name(answer.problem().type), took.count());
          // An answer reports on the connector; of the problems, only those that say it is
          // broken do (not a rate limit of its own).
          if (answer) {
            m_service.health().record(connector.id, HealthEvent::Kind::Request,
                                      failure_of(answer.value()));
          } else if (auto failure = failure_of(answer.problem())) {
            m_service.health().record(connector.id, HealthEvent::Kind::Request, failure);
          }
          if (!answer) return write_problem(res, answer.problem());
          write_json(res, 200, to_json(answer.value()));
        });

  route("POST", "/api/connectors/{id}/test",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto body = read_json_body(req, /*optional_body=*/true);
          if (!body) return write_problem(res, body.problem());
          auto test = outbound::test_request_from_json(body.value());
          if (!test) return write_problem(res, test.problem());
          const std::string id = req.matches[1].str();
          auto cached = m_service.get(id);
          if (!cached) return write_problem(res, cached.problem());
          auto slot = m_outbound_slots.try_take();
          if (!slot) return write_problem(res, busy());
          const TestResult result = m_outbound.test(*cached->connector, test->method, test->path);
          // The test happened and its result is the answer; a history that could not take
          // the entry (a full disk) is the operator's to hear about, not the caller's.
          if (tells_health(result))
            m_service.health().record(id, HealthEvent::Kind::Test, failure_of(result));
          if (auto recorded = m_service.record_test(id, result.ok, actor()); !recorded) {
            spdlog::warn("test of {} not recorded in its history: {}", id,
                         recorded.problem().detail);
          }
          write_json(res, 200, to_json(result));
        });

  route(
      "POST", "/api/connectors/test", [this](const httplib::Request& req, httplib::Response& res) {
        auto body = read_json_body(req);
        if (!body) return write_problem(res, body.problem());
        auto connector = ConnectorService::parse_new(body.value());
        if (!connector) return write_problem(res, connector.problem());
        auto test = test_of_unsaved(body.value());
        if (!test) return write_problem(res, test.problem());
        auto slot = m_outbound_slots.try_take();
        if (!slot) return write_problem(res, busy());
        write_json(res, 200, to_json(m_outbound.test(connector.value(), test->method, test->path)));
      });
}

}  // namespace datahub::backend
