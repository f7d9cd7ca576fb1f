// The connector routes of docs/API.md: parse, call the service, write the answer.
#include <string>

#include "datahub/connector_json.h"
#include "http_app.h"
#include "http_io.h"

namespace datahub::backend {
namespace {

nlohmann::json history_json(const std::vector<HistoryEntry>& entries) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : entries) {
    items.push_back(
        {{"at", e.at}, {"action", e.action}, {"version", e.version}, {"changes", e.changes}});
  }
  return {{"items", items}};
}

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

// Up to 999,999,999: far past any store this server keeps, and it fits every size_t.
constexpr std::size_t kMaxOffsetDigits = 9;

Result<ListQuery> read_list_query(const httplib::Request& req) {
  ListQuery query;
  query.q = req.get_param_value("q");
  query.cursor = req.get_param_value("cursor");
  query.sort = req.get_param_value("sort");
  std::vector<FieldError> errors;
  if (req.has_param("status") && !req.get_param_value("status").empty()) {
    query.status = parse_connector_status(req.get_param_value("status"));
    if (!query.status) errors.push_back({"status", "must be active or disabled"});
  }
  if (req.has_param("limit")) {
    const std::string limit = req.get_param_value("limit");
    const bool digits = !limit.empty() && limit.size() <= 4 &&
                        limit.find_first_not_of("0123456789") == std::string::npos;
    const int value = digits ? std::stoi(limit) : 0;
    if (value < 1 || value > 500) errors.push_back({"limit", "must be a number from 1 to 500"});
    query.limit = static_cast<std::size_t>(value);
  }
  if (req.has_param("offset")) {
    const std::string offset = req.get_param_value("offset");
    if (offset.empty() || offset.size() > kMaxOffsetDigits ||
        offset.find_first_not_of("0123456789") != std::string::npos) {
      errors.push_back(
          {"offset", "must be a whole number from 0 to " + std::string(kMaxOffsetDigits, '9')});
    } else {
      query.offset = std::stoul(offset);
    }
  }
  if (!errors.empty()) {
    return make_problem(ProblemType::BadRequest, "The query parameters are not valid.", errors);
  }
  return query;
}

}  // namespace

void HttpApp::register_connector_routes() {
  route("GET", "/api/connectors", [this](const httplib::Request& req, httplib::Response& res) {
    auto query = read_list_query(req);
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
          write_json(res, 200, history_json(entries.value()));
        });
}

}  // namespace datahub::backend
