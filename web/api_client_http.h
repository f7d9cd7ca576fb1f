// ApiClient and PeopleApi over HTTP: the REST contract of docs/API.md, sent through
// Platform::Fetch. The session cookie (HttpOnly, set by the server) goes with every same-origin
// request by itself; the CSRF token, kept in memory only, goes with POST, PUT and DELETE.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "api_client.h"
#include "api_people.h"
#include "platform.h"

namespace datahub::web {

class HttpApiClient : public ApiClient, public PeopleApi {
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
  // Sessions, users and tokens live in api_client_http_people.cpp.
  void GetSession(ApiCallback<SessionInfo> done) override;
  void SignIn(const std::string& username, const std::string& password,
              ApiCallback<SessionInfo> done) override;
  void SignInWithToken(const std::string& token, ApiCallback<SessionInfo> done) override;
  void Setup(const SetupRequest& request, ApiCallback<SessionInfo> done) override;
  void SignOut(ApiCallback<Done> done) override;
  void SsoOffered(ApiCallback<bool> done) override;
  void ListUsers(ApiCallback<std::vector<UserDoc>> done) override;
  void CreateUser(const UserChange& user, ApiCallback<UserDoc> done) override;
  void UpdateUser(const std::string& id, const std::string& etag, const UserChange& user,
                  ApiCallback<UserDoc> done) override;
  void ListTokens(ApiCallback<std::vector<ApiToken>> done) override;
  void CreateToken(const NewToken& token, ApiCallback<CreatedToken> done) override;
  void RevokeToken(const std::string& id, ApiCallback<Done> done) override;
  bool TakeSessionLost() override;
  void SetCsrfToken(std::string token) override { m_csrf_token = std::move(token); }

 private:
  // Platform::Fetch, noting a 401 (the session ended) for TakeSessionLost.
  void Send(HttpRequest request, std::function<void(HttpResponse)> done);
  // The session's own calls: their 401 is an answer (wrong password, nobody signed in).
  void SendSessionCall(HttpRequest request, std::function<void(HttpResponse)> done);
  HttpRequest Request(std::string method, std::string path);
  // A request with a JSON body (Content-Type set).
  HttpRequest JsonRequest(std::string method, std::string path, const Connector& connector);
  HttpRequest JsonRequest(std::string method, std::string path, const nlohmann::json& body);
  Platform& m_platform;
  std::string m_csrf_token;
  bool m_session_lost = false;
};

// A 2xx answer whose body is not what the contract says: "The server's <what> could not be
// read." (title "Unexpected answer"), with the answer's status.
Problem UnreadableAnswer(int status, const char* what);

// The string member `key` of an answer's object, or "" when it is absent or not a string.
std::string StringAt(const nlohmann::json& j, const char* key);

// Reads an error answer (a problem+json body or anything else) into a Problem for the UI.
Problem ProblemFromResponse(const HttpResponse& response);

}  // namespace datahub::web
