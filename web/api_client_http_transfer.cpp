// HttpApiClient's export and import (docs/API.md, "Export and import"): the request bodies, the
// document kept as the server wrote it, and the import's report.
#include <nlohmann/json.hpp>

#include "api_client_http.h"

namespace datahub::web {
namespace {

using nlohmann::json;

const char* ConflictName(OnConflict c) {
  switch (c) {
    case OnConflict::Skip:
      return "skip";
    case OnConflict::Replace:
      return "replace";
    case OnConflict::Fail:
      break;
  }
  return "fail";
}

json OrNull(const std::optional<std::string>& s) {
  return s ? json(*s) : json();
}

Result<ExportedDocument> ParseExport(const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("connectors") || !body["connectors"].is_array())
    return UnreadableAnswer(response.status, "export");
  ExportedDocument doc;
  doc.text = response.body;  // the file holds what the server wrote, not a re-encoding
  doc.exported_at = body.value("exported_at", "");
  doc.connectors = body["connectors"].size();
  doc.sealed = body.contains("sealed") && body["sealed"].is_object();
  return doc;
}

bool ReadEntries(const json& body, const char* key, std::vector<ImportedEntry>& out) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return false;
  for (const json& e : *it) {
    if (!e.is_object() || !e.contains("index") || !e["index"].is_number_unsigned()) return false;
    out.push_back({e["index"].get<std::size_t>(), e.value("id", ""), e.value("name", "")});
  }
  return true;
}

Result<ImportReport> ParseReport(const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  ImportReport report;
  if (!body.is_object() || !ReadEntries(body, "created", report.created) ||
      !ReadEntries(body, "replaced", report.replaced) ||
      !ReadEntries(body, "skipped", report.skipped) || !body.contains("errors") ||
      !body["errors"].is_array())
    return UnreadableAnswer(response.status, "import report");
  for (const json& e : body["errors"]) {
    if (!e.is_object() || !e.contains("index") || !e["index"].is_number_unsigned())
      return UnreadableAnswer(response.status, "import report");
    report.errors.emplace_back(e["index"].get<std::size_t>(),
                               problem_from_json(e.value("problem", json::object()), 422));
  }
  return report;
}

template <class T, class Parse>
std::function<void(HttpResponse)> Answer(ApiCallback<T> done, Parse parse) {
  return [done = std::move(done), parse](HttpResponse r) {
    if (r.status == 200)
      done(parse(r));
    else
      done(ProblemFromResponse(r));
  };
}

}  // namespace

void HttpApiClient::ExportConnectors(const ExportRequest& request,
                                     ApiCallback<ExportedDocument> done) {
  json body = {{"ids", request.ids ? json(*request.ids) : json()},
               {"passphrase", OrNull(request.passphrase)}};
  m_platform.Fetch(JsonRequest("POST", "/api/connectors/export", body),
                   Answer(std::move(done), ParseExport));
}

void HttpApiClient::ImportConnectors(const ImportRequest& request, ApiCallback<ImportReport> done) {
  json body = {{"document", request.document},
               {"passphrase", OrNull(request.passphrase)},
               {"on_conflict", ConflictName(request.on_conflict)}};
  m_platform.Fetch(JsonRequest("POST", "/api/connectors/import", body),
                   Answer(std::move(done), ParseReport));
}

}  // namespace datahub::web
