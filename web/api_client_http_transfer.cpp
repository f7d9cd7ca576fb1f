// HttpApiClient's export and import (docs/API.md, "Export and import"): the request bodies, the
// document kept as the server wrote it, and the import's report.
#include <nlohmann/json.hpp>

#include "api_client_http.h"

namespace datahub::web {
namespace {

using nlohmann::json;

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

Result<ImportReport> ParseReport(const HttpResponse& response) {
  auto report = import_report_from_json(json::parse(response.body, nullptr, false));
  if (!report) return UnreadableAnswer(response.status, "import report");
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
  Send(JsonRequest("POST", "/api/connectors/export", to_json(request)),
       Answer(std::move(done), ParseExport));
}

void HttpApiClient::ImportConnectors(const ImportRequest& request, ApiCallback<ImportReport> done) {
  Send(JsonRequest("POST", "/api/connectors/import", to_json(request)),
       Answer(std::move(done), ParseReport));
}

}  // namespace datahub::web
