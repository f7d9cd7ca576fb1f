// HttpApiClient's connector calls: one connector, its changes, its test and its history. Bodies go
// through the shared JSON codec (connector_json.h), so the browser sends what the backend reads.
#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "datahub/connector_json.h"
#include "datahub/url_encoding.h"

namespace datahub::web {
namespace {

using nlohmann::json;

Problem Unreadable(int status, const char* what) {
  Problem p = make_problem(ProblemType::Internal,
                           std::string("The server's ") + what + " could not be read.");
  p.title = "Unexpected answer";
  p.status = status;
  return p;
}

std::string StringAt(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A history value as a person reads it: strings as they are, anything else as JSON.
std::string Shown(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "—";
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

CertificateInfo ParseCertificate(const json& j) {
  return {StringAt(j, "subject"), StringAt(j, "issuer"), StringAt(j, "not_after")};
}

// The response's descriptions of the stored PEMs (tls.ca, tls.client_cert); the shared codec
// reads only what a request carries.
StoredCertificates ParseCertificates(const json& body) {
  StoredCertificates out;
  auto tls = body.find("tls");
  if (tls == body.end() || !tls->is_object()) return out;
  if (auto ca = tls->find("ca"); ca != tls->end() && ca->is_array())
    for (const json& cert : *ca)
      if (cert.is_object()) out.ca.push_back(ParseCertificate(cert));
  if (auto client = tls->find("client_cert"); client != tls->end() && client->is_object())
    out.client_cert = ParseCertificate(*client);
  return out;
}

Result<ConnectorDoc> ParseConnector(const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  Result<Connector> connector = connector_from_json(body);
  if (!connector) return Unreadable(response.status, "connector");
  ConnectorDoc doc{std::move(connector).value(), response.etag, ParseCertificates(body)};
  // The ETag is "<version>" (docs/API.md); a proxy that strips the header must not block saving.
  if (doc.etag.empty()) doc.etag = "\"" + std::to_string(doc.connector.version) + "\"";
  return doc;
}

TestStep ParseStep(const json& j) {
  TestStep s;
  s.name = StringAt(j, "name");
  s.ok = j.value("ok", false);
  if (auto it = j.find("status"); it != j.end() && it->is_number_integer()) s.status = *it;
  if (auto it = j.find("latency_ms"); it != j.end() && it->is_number()) s.latency_ms = *it;
  s.method = StringAt(j, "method");
  s.url = StringAt(j, "url");
  s.error = StringAt(j, "error");
  s.problem = StringAt(j, "problem");
  s.oauth_error = StringAt(j, "oauth_error");
  s.oauth_error_description = StringAt(j, "oauth_error_description");
  if (auto it = j.find("request_headers"); it != j.end() && it->is_object())
    for (const auto& [name, value] : it->items())
      s.request_headers.emplace_back(name, Shown(value));
  if (auto it = j.find("redirects"); it != j.end() && it->is_number_integer()) s.redirects = *it;
  s.final_url = StringAt(j, "final_url");
  if (auto it = j.find("headers"); it != j.end() && it->is_object())
    for (const auto& [name, value] : it->items()) s.headers.emplace_back(name, Shown(value));
  s.body_preview = StringAt(j, "body_preview");
  s.body_truncated = j.value("body_truncated", false);
  if (auto it = j.find("attempts"); it != j.end() && it->is_number_integer()) s.attempts = *it;
  s.http_version = StringAt(j, "http_version");
  s.via_proxy = StringAt(j, "via_proxy");
  if (auto tls = j.find("tls"); tls != j.end() && tls->is_object()) {
    s.tls_version = StringAt(*tls, "version");
    s.server_certificate = {StringAt(*tls, "peer_subject"), StringAt(*tls, "peer_issuer"),
                            StringAt(*tls, "peer_not_after")};
  }
  return s;
}

Result<TestResult> ParseTestResult(const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("steps") || !body["steps"].is_array())
    return Unreadable(response.status, "test result");
  TestResult result;
  result.ok = body.value("ok", false);
  for (const json& step : body["steps"])
    if (step.is_object()) result.steps.push_back(ParseStep(step));
  return result;
}

HistoryEntry ParseHistoryEntry(const json& j) {
  HistoryEntry e;
  e.at = StringAt(j, "at");
  e.action = StringAt(j, "action");
  if (auto it = j.find("version"); it != j.end() && it->is_number_integer()) e.version = *it;
  if (auto it = j.find("changes"); it != j.end() && it->is_array())
    for (const json& c : *it)
      if (c.is_object())
        e.changes.push_back(
            {StringAt(c, "field"), Shown(c.value("from", json())), Shown(c.value("to", json()))});
  return e;
}

Result<std::vector<HistoryEntry>> ParseHistory(const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array())
    return Unreadable(response.status, "history");
  std::vector<HistoryEntry> items;
  for (const json& item : body["items"])
    if (item.is_object()) items.push_back(ParseHistoryEntry(item));
  return items;
}

// Hands a 2xx answer to `parse`, anything else to the caller as a Problem.
template <class T, class Parse>
std::function<void(HttpResponse)> Answer(ApiCallback<T> done, Parse parse) {
  return [done = std::move(done), parse](HttpResponse r) {
    if (r.status >= 200 && r.status < 300)
      done(parse(r));
    else
      done(ProblemFromResponse(r));
  };
}

std::string ConnectorPath(const std::string& id) {
  return "/api/connectors/" + percent_encode(id);
}

}  // namespace

HttpRequest HttpApiClient::JsonRequest(std::string method, std::string path,
                                       const Connector& connector) {
  HttpRequest request = Request(std::move(method), std::move(path));
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = to_request_json(connector).dump(-1, ' ', false, json::error_handler_t::replace);
  return request;
}

void HttpApiClient::GetConnector(const std::string& id, ApiCallback<ConnectorDoc> done) {
  m_platform.Fetch(Request("GET", ConnectorPath(id)), Answer(std::move(done), ParseConnector));
}

void HttpApiClient::CreateConnector(const Connector& connector, ApiCallback<ConnectorDoc> done) {
  m_platform.Fetch(JsonRequest("POST", "/api/connectors", connector),
                   Answer(std::move(done), ParseConnector));
}

void HttpApiClient::UpdateConnector(const std::string& id, const std::string& etag,
                                    const Connector& connector, ApiCallback<ConnectorDoc> done) {
  HttpRequest request = JsonRequest("PUT", ConnectorPath(id), connector);
  request.headers.emplace_back("If-Match", etag);
  m_platform.Fetch(std::move(request), Answer(std::move(done), ParseConnector));
}

void HttpApiClient::DeleteConnector(const std::string& id, ApiCallback<Done> done) {
  m_platform.Fetch(
      Request("DELETE", ConnectorPath(id)),
      Answer(std::move(done), [](const HttpResponse&) { return Result<Done>(Done{}); }));
}

void HttpApiClient::SetConnectorStatus(const std::string& id, ConnectorStatus status,
                                       ApiCallback<ConnectorDoc> done) {
  const char* action = status == ConnectorStatus::Active ? "/activate" : "/disable";
  m_platform.Fetch(Request("POST", ConnectorPath(id) + action),
                   Answer(std::move(done), ParseConnector));
}

void HttpApiClient::TestConnector(const std::string& id, ApiCallback<TestResult> done) {
  m_platform.Fetch(Request("POST", ConnectorPath(id) + "/test"),
                   Answer(std::move(done), ParseTestResult));
}

void HttpApiClient::TestUnsavedConnector(const Connector& connector, ApiCallback<TestResult> done) {
  m_platform.Fetch(JsonRequest("POST", "/api/connectors/test", connector),
                   Answer(std::move(done), ParseTestResult));
}

void HttpApiClient::ConnectorHistory(const std::string& id,
                                     ApiCallback<std::vector<HistoryEntry>> done) {
  m_platform.Fetch(Request("GET", ConnectorPath(id) + "/history"),
                   Answer(std::move(done), ParseHistory));
}

}  // namespace datahub::web
