// The connector routes of docs/API.md: parse, call the service, write the answer.
#include <string>

#include "datahub/connector_json.h"
#include "datahub/etag.h"
#include "datahub/history_entry.h"
#include "datahub/list_query.h"
#include "http_app.h"
#include "http_io.h"

namespace datahub::backend {
namespace {

nlohmann::json page_json(const ListPage& page) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : page.items) items.push_back(connector_response_json(c));
  return {{"items", items},
          {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nlohmann::json()},
          {"total", page.total}};
}

void write_connector(httplib::Response& res, int status, const Connector& c) {
  res.set_header("ETag", etag_for(c.version));
  write_json(res, status, connector_response_json(c));
}

// Writes the connector or the problem.
void answer(httplib::Response& res, const Result<Connector>& result, int status = 200) {
  if (!result) return write_problem(res, result.problem());
  write_connector(res, status, result.value());
}

}  // namespace

void HttpApp::register_connector_routes() {
  route("GET", "/api/connectors", [this](const httplib::Request& req, httplib::Response& res) {
    auto query = list_query_from_params(req.params);
    if (!query) return write_problem(res, query.problem());
    auto page = m_service.list(query.value());
    if (!page) return write_problem(res, page.problem());
    write_json(res, 200, page_json(page.value()));
  });

  route("POST", "/api/connectors", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    auto created = m_service.create(body.value());
    if (created) res.set_header("Location", "/api/connectors/" + created->id);
    answer(res, created, 201);
  });

  route("GET", "/api/connectors/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    auto cached = m_service.get(req.matches[1].str());
    if (!cached) return write_problem(res, cached.problem());
    res.set_header("ETag", etag_for(cached->connector->version));
    res.set_content(*cached->body, "application/json");
  });

  route("PUT", "/api/connectors/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    answer(res, m_service.replace(req.matches[1].str(), body.value(), read_if_match(req)));
  });

  route("DELETE", "/api/connectors/{id}",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto removed = m_service.remove(req.matches[1].str(), read_if_match(req));
          if (!removed) return write_problem(res, removed.problem());
          res.status = 204;
        });

  route("POST", "/api/connectors/{id}/activate",
        [this](const httplib::Request& req, httplib::Response& res) {
          answer(res, m_service.set_status(req.matches[1].str(), ConnectorStatus::Active,
                                           read_if_match(req)));
        });

  route("POST", "/api/connectors/{id}/disable",
        [this](const httplib::Request& req, httplib::Response& res) {
          answer(res, m_service.set_status(req.matches[1].str(), ConnectorStatus::Disabled,
                                           read_if_match(req)));
        });

  route("GET", "/api/connectors/{id}/history",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto entries = m_service.history(req.matches[1].str());
          if (!entries) return write_problem(res, entries.problem());
          write_json(res, 200, history_to_json(entries.value()));
        });
}

}  // namespace datahub::backend
