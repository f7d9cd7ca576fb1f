// ApiClient over HTTP: the REST contract of docs/API.md, sent through Platform::Fetch with the
// admin token from the session.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "api_client.h"
#include "platform.h"

namespace datahub::web {

inline constexpr const char* kTokenKey = "datahub.token";  // sessionStorage key of the token

class HttpApiClient : public ApiClient {
 public:
  explicit HttpApiClient(Platform& platform) : m_platform(platform) {}
  void ListConnectors(const ListQuery& query, ApiCallback<ConnectorPage> done) override;
  // The connector calls live in api_client_http_connectors.cpp.
  void GetConnector(const std::string& id, ApiCallback<ConnectorDoc> done) override;
  void CreateConnector(const Connector& connector, ApiCallback<ConnectorDoc> done) override;
  void UpdateConnector(const std::string& id, const std::string& etag, const Connector& connector,
                       ApiCallback<ConnectorDoc> done) override;
  void DeleteConnector(const std::string& id, ApiCallback<Done> done) override;
  void SetConnectorStatus(const std::string& id, ConnectorStatus status,
                          ApiCallback<ConnectorDoc> done) override;
  void TestConnector(const std::string& id, ApiCallback<TestResult> done) override;
  void TestUnsavedConnector(const Connector& connector, ApiCallback<TestResult> done) override;
  void ConnectorHistory(const std::string& id,
                        ApiCallback<std::vector<HistoryEntry>> done) override;
  // Export and import live in api_client_http_transfer.cpp.
  void ExportConnectors(const ExportRequest& request, ApiCallback<ExportedDocument> done) override;
  void ImportConnectors(const ImportRequest& request, ApiCallback<ImportReport> done) override;

 private:
  HttpRequest Request(std::string method, std::string path);
  // A request with a JSON body (Content-Type set).
  HttpRequest JsonRequest(std::string method, std::string path, const Connector& connector);
  HttpRequest JsonRequest(std::string method, std::string path, const nlohmann::json& body);
  Platform& m_platform;
};

// A 2xx answer whose body is not what the contract says: "The server's <what> could not be
// read." (title "Unexpected answer"), with the answer's status.
Problem UnreadableAnswer(int status, const char* what);

// Reads an error answer (a problem+json body or anything else) into a Problem for the UI.
Problem ProblemFromResponse(const HttpResponse& response);

}  // namespace datahub::web
