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

// The connector as stored, with its health (kept beside it, not in its versioned record).
nlohmann::json connector_with_health(const Connector& c, HealthBoard& health) {
  nlohmann::json out = connector_response_json(c);
  out["health"] = to_json(health.get(c.id));
  return out;
}

// The cached GET body (one JSON object, rendered once per version) with the current health
// spliced in before its closing brace: health changes without a new version.
std::string body_with_health(const std::string& body, const ConnectorHealth& health) {
  return body.substr(0, body.size() - 1) + ",\"health\":" + to_json(health).dump() + "}";
}

nlohmann::json page_json(const ListPage& page, HealthBoard& health) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : page.items) items.push_back(connector_with_health(c, health));
  return {{"items", items},
          {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nlohmann::json()},
          {"total", page.total}};
}

// Writes the connector or the problem.
void answer(httplib::Response& res, HealthBoard& health, const Result<Connector>& result,
            int status = 200) {
  if (!result) return write_problem(res, result.problem());
  res.set_header("ETag", etag_for(result->version));
  write_json(res, status, connector_with_health(result.value(), health));
}

// ?actor=<id> of GET /api/connectors/{id}/history: a user's, a token's or "admin-token".
Result<std::optional<std::string>> actor_filter(const httplib::Request& req) {
  if (!req.has_param("actor")) return std::optional<std::string>();
  const std::string id = req.get_param_value("actor");
  const bool well_formed = !id.empty() && id.size() <= 64 &&
                           id.find_first_not_of(
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                               "0123456789_-") == std::string::npos;
  if (!well_formed || req.get_param_value_count("actor") > 1)
    return make_problem(ProblemType::BadRequest, "The actor filter is not an id.",
                        {{"actor", "must be one user, token or admin-token id"}});
  return std::optional<std::string>(id);
}

}  // namespace

void HttpApp::register_connector_routes() {
  route("GET", "/api/connectors", [this](const httplib::Request& req, httplib::Response& res) {
    auto query = list_query_from_params(req.params);
    if (!query) return write_problem(res, query.problem());
    // A token limited to some connectors lists only those.
    query->only_ids = caller().connector_ids;
    auto page = m_service.list(query.value());
    if (!page) return write_problem(res, page.problem());
    write_json(res, 200, page_json(page.value(), m_service.health()));
  });

  route("POST", "/api/connectors", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    auto created = m_service.create(body.value(), actor());
    if (created) res.set_header("Location", "/api/connectors/" + created->id);
    answer(res, m_service.health(), created, 201);
  });

  route("GET", "/api/connectors/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    auto cached = m_service.get(req.matches[1].str());
    if (!cached) return write_problem(res, cached.problem());
    res.set_header("ETag", etag_for(cached->connector->version));
    res.set_content(body_with_health(*cached->body, m_service.health().get(cached->connector->id)),
                    "application/json");
  });

  route("PUT", "/api/connectors/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    answer(res, m_service.health(),
           m_service.replace(req.matches[1].str(), body.value(), read_if_match(req), std::nullopt,
                             actor()));
  });

  route("DELETE", "/api/connectors/{id}",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto removed = m_service.remove(req.matches[1].str(), read_if_match(req), actor());
          if (!removed) return write_problem(res, removed.problem());
          res.status = 204;
        });

  route("POST", "/api/connectors/{id}/activate",
        [this](const httplib::Request& req, httplib::Response& res) {
          answer(res, m_service.health(),
                 m_service.set_status(req.matches[1].str(), ConnectorStatus::Active,
                                      read_if_match(req), actor()));
        });

  route("POST", "/api/connectors/{id}/disable",
        [this](const httplib::Request& req, httplib::Response& res) {
          answer(res, m_service.health(),
                 m_service.set_status(req.matches[1].str(), ConnectorStatus::Disabled,
                                      read_if_match(req), actor()));
        });

  route("GET", "/api/connectors/{id}/history",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto by = actor_filter(req);
          if (!by) return write_problem(res, by.problem());
          auto entries = m_service.history(req.matches[1].str());
          if (!entries) return write_problem(res, entries.problem());
          if (*by)
            std::erase_if(*entries,
                          [&](const HistoryEntry& e) { return !e.actor || e.actor->id != **by; });
          write_json(res, 200, history_to_json(entries.value()));
        });
}

}  // namespace datahub::backend
