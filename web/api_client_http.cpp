// HttpApiClient: builds requests, reads answers. Errors become Problems the screens can show.
#include "api_client_http.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "datahub/list_query.h"

namespace datahub::web {
namespace {

std::string StringOr(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Problem MakeProblem(ProblemType type, int status, std::string title, std::string detail) {
  Problem p;
  p.type = type;
  p.status = status;
  p.title = std::move(title);
  p.detail = std::move(detail);
  return p;
}

// A health the server did not send, or sent broken, is unknown: the row still shows.
ConnectorHealth HealthOf(const nlohmann::json& item) {
  auto it = item.find("health");
  if (it == item.end()) return {};
  auto health = connector_health_from_json(*it);
  return health ? *health : ConnectorHealth{};
}

Result<ConnectorPage> ParsePage(const HttpResponse& response) {
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array())
    return UnreadableAnswer(response.status, "connector list");
  ConnectorPage page;
  for (const nlohmann::json& item : body["items"]) {
    if (!item.is_object()) continue;
    page.items.push_back({StringOr(item, "id"), StringOr(item, "name"), StringOr(item, "type"),
                          StringOr(item, "base_url"), StringOr(item, "status"),
                          StringOr(item, "updated_at"), HealthOf(item)});
  }
  page.next_cursor = StringOr(body, "next_cursor");
  if (auto it = body.find("total"); it != body.end() && it->is_number_integer())
    page.total = it->get<std::int64_t>();
  else
    page.total = static_cast<std::int64_t>(page.items.size());
  return page;
}

}  // namespace

Problem UnreadableAnswer(int status, const char* what) {
  Problem p = make_problem(ProblemType::Internal,
                           std::string("The server's ") + what + " could not be read.");
  p.title = "Unexpected answer";
  p.status = status;
  return p;
}

Problem ProblemFromResponse(const HttpResponse& response) {
  if (response.status == 0)
    return MakeProblem(ProblemType::UpstreamError, 0, "Backend unreachable",
                       "The Data Hub backend cannot be reached. Check that the server is running, "
                       "then reload the page.");
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("type")) return problem_from_json(body, response.status);
  // Answers that are not problem documents (a route that does not exist yet, a proxy's error
  // page) still get a message a person can act on.
  switch (response.status) {
    case 401:
      return MakeProblem(ProblemType::Unauthorized, 401, "Not signed in",
                         "The session has ended. Sign in again.");
    case 404:
      return MakeProblem(ProblemType::NotFound, 404, "Not found",
                         "This server does not offer the Data Hub API here. Check that the page "
                         "is served by datahub-server.");
    default:
      return MakeProblem(problem_type_for_status(response.status), response.status,
                         "Request failed",
                         "The server answered HTTP " + std::to_string(response.status) + ".");
  }
}

HttpRequest HttpApiClient::Request(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(path);
  request.headers.emplace_back("Accept", "application/json");
  if (!m_csrf_token.empty() && request.method != "GET")
    request.headers.emplace_back("X-CSRF-Token", m_csrf_token);
  return request;
}

void HttpApiClient::Send(HttpRequest request, std::function<void(HttpResponse)> done) {
  m_platform.Fetch(std::move(request), [this, done = std::move(done)](HttpResponse r) {
    if (r.status == 401) m_session_lost = true;
    done(std::move(r));
  });
}

void HttpApiClient::SendSessionCall(HttpRequest request, std::function<void(HttpResponse)> done) {
  m_platform.Fetch(std::move(request), std::move(done));
}

bool HttpApiClient::TakeSessionLost() {
  return std::exchange(m_session_lost, false);
}

void HttpApiClient::ListConnectors(const ListQuery& query, ApiCallback<ConnectorPage> done) {
  datahub::ListQuery api;  // the API's query, written by the shared list_query_string
  api.q = query.q;
  api.status = parse_connector_status(query.status);
  api.health = parse_health_state(query.health);
  api.limit = static_cast<std::size_t>(query.limit);
  api.cursor = query.cursor;
  api.offset = static_cast<std::size_t>(query.offset);
  api.sort = query.sort;
  std::string path = "/api/connectors?" + list_query_string(api);
  Send(Request("GET", std::move(path)), [done = std::move(done)](HttpResponse r) {
    if (r.status == 200)
      done(ParsePage(r));
    else
      done(ProblemFromResponse(r));
  });
}

std::string StringAt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace datahub::web
