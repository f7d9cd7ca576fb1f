// HttpApiClient's connector calls: one connector, its changes, its test and its history. Bodies go
// through the shared JSON codecs (connector_json.h, test_result.h, history_entry.h), so the
// browser reads what the backend writes.
#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "datahub/connector_json.h"
#include "datahub/etag.h"
#include "datahub/history_entry.h"
#include "datahub/test_result.h"
#include "datahub/url_encoding.h"
#include "history_labels.h"

namespace datahub::web {
namespace {

using nlohmann::json;

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
  if (!connector) return UnreadableAnswer(response.status, "connector");
  ConnectorDoc doc{std::move(connector).value(), response.etag, ParseCertificates(body), {}};
  if (auto health = body.find("health"); health != body.end()) {
    if (auto read = connector_health_from_json(*health)) doc.health = *read;
  }
  // A proxy that strips the ETag header must not block saving: the tag is the version's.
  if (doc.etag.empty()) doc.etag = etag_for(doc.connector.version);
  return doc;
}

Result<TestResult> ParseTestResult(const HttpResponse& response) {
  auto result = test_result_from_json(json::parse(response.body, nullptr, false));
  if (!result) return UnreadableAnswer(response.status, "test result");
  return result;
}

// The shared entry as the History tab shows it: every value as text.
HistoryEntry ShownEntry(const datahub::HistoryEntry& e) {
  HistoryEntry out{e.at, e.action, e.version, {}};
  for (const json& c : e.changes)
    out.changes.push_back(
        {c.value("field", ""), Shown(c.value("from", json())), Shown(c.value("to", json()))});
  if (e.actor) out.actor = ActorText(e.actor->type, e.actor->name);
  return out;
}

Result<std::vector<HistoryEntry>> ParseHistory(const HttpResponse& response) {
  auto entries = history_from_json(json::parse(response.body, nullptr, false));
  if (!entries) return UnreadableAnswer(response.status, "history");
  std::vector<HistoryEntry> items;
  for (const datahub::HistoryEntry& e : entries.value()) items.push_back(ShownEntry(e));
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
  return JsonRequest(std::move(method), std::move(path), to_request_json(connector));
}

HttpRequest HttpApiClient::JsonRequest(std::string method, std::string path, const json& body) {
  HttpRequest request = Request(std::move(method), std::move(path));
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return request;
}

void HttpApiClient::GetConnector(const std::string& id, ApiCallback<ConnectorDoc> done) {
  Send(Request("GET", ConnectorPath(id)), Answer(std::move(done), ParseConnector));
}

void HttpApiClient::CreateConnector(const Connector& connector, ApiCallback<ConnectorDoc> done) {
  Send(JsonRequest("POST", "/api/connectors", connector), Answer(std::move(done), ParseConnector));
}

void HttpApiClient::UpdateConnector(const std::string& id, const std::string& etag,
                                    const Connector& connector, ApiCallback<ConnectorDoc> done) {
  HttpRequest request = JsonRequest("PUT", ConnectorPath(id), connector);
  request.headers.emplace_back("If-Match", etag);
  Send(std::move(request), Answer(std::move(done), ParseConnector));
}

void HttpApiClient::DeleteConnector(const std::string& id, ApiCallback<Done> done) {
  Send(Request("DELETE", ConnectorPath(id)),
       Answer(std::move(done), [](const HttpResponse&) { return Result<Done>(Done{}); }));
}

void HttpApiClient::SetConnectorStatus(const std::string& id, ConnectorStatus status,
                                       ApiCallback<ConnectorDoc> done) {
  const char* action = status == ConnectorStatus::Active ? "/activate" : "/disable";
  Send(Request("POST", ConnectorPath(id) + action), Answer(std::move(done), ParseConnector));
}

void HttpApiClient::TestConnector(const std::string& id, ApiCallback<TestResult> done) {
  Send(Request("POST", ConnectorPath(id) + "/test"), Answer(std::move(done), ParseTestResult));
}

void HttpApiClient::TestUnsavedConnector(const Connector& connector, ApiCallback<TestResult> done) {
  Send(JsonRequest("POST", "/api/connectors/test", connector),
       Answer(std::move(done), ParseTestResult));
}

void HttpApiClient::ConnectorHistory(const std::string& id,
                                     ApiCallback<std::vector<HistoryEntry>> done) {
  Send(Request("GET", ConnectorPath(id) + "/history"), Answer(std::move(done), ParseHistory));
}

}  // namespace datahub::web
