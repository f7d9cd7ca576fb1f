// What the screens ask of the backend (docs/API.md), as an interface: HttpApiClient talks to the
// server through the platform's fetch; tests stand in with their own implementation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "api_connector_types.h"
#include "api_transfer_types.h"
#include "datahub/problem.h"
#include "datahub/result.h"

namespace datahub::web {

// One line of the Data Hub table: the summary fields of a connector.
struct ConnectorRow {
  std::string id;
  std::string name;
  std::string type;
  std::string base_url;
  std::string status;      // "active" | "disabled"
  std::string updated_at;  // RFC 3339 UTC
  ConnectorHealth health;  // unknown from a server that does not say
};

struct ConnectorPage {
  std::vector<ConnectorRow> items;
  std::string next_cursor;  // empty on the last page
  std::int64_t total = 0;   // all connectors matching the query
};

struct ListQuery {
  std::string q;       // matches name or base URL
  std::string status;  // "", "active" or "disabled"
  int limit = 50;
  std::string cursor;
  // "" (by name: the API's order) or a field, "-" first for descending ("-updated_at"). An
  // addition to docs/API.md; a server without it answers in name order.
  std::string sort;
  std::int64_t offset = 0;  // matches to skip: the page at a position (docs/API.md)
  std::string health;       // "", "ok", "failing" or "unknown"
};

// A problem with status 0 means the backend could not be reached at all.
template <class T>
using ApiCallback = std::function<void(Result<T>)>;

class ApiClient {
 public:
  virtual ~ApiClient() = default;
  virtual void ListConnectors(const ListQuery& query, ApiCallback<ConnectorPage> done) = 0;

  // One connector and its changes (api_connector_types.h). `etag` guards an update (If-Match).
  virtual void GetConnector(const std::string& id, ApiCallback<ConnectorDoc> done) = 0;
  virtual void CreateConnector(const Connector& connector, ApiCallback<ConnectorDoc> done) = 0;
  virtual void UpdateConnector(const std::string& id, const std::string& etag,
                               const Connector& connector, ApiCallback<ConnectorDoc> done) = 0;
  virtual void DeleteConnector(const std::string& id, ApiCallback<Done> done) = 0;
  // POST .../activate or .../disable.
  virtual void SetConnectorStatus(const std::string& id, ConnectorStatus status,
                                  ApiCallback<ConnectorDoc> done) = 0;
  // A saved connector (POST .../{id}/test) or the form's unsaved one (POST .../test).
  virtual void TestConnector(const std::string& id, ApiCallback<TestResult> done) = 0;
  virtual void TestUnsavedConnector(const Connector& connector, ApiCallback<TestResult> done) = 0;
  virtual void ConnectorHistory(const std::string& id,
                                ApiCallback<std::vector<HistoryEntry>> done) = 0;
  // POST /api/connectors/export and /import (api_transfer_types.h).
  virtual void ExportConnectors(const ExportRequest& request,
                                ApiCallback<ExportedDocument> done) = 0;
  virtual void ImportConnectors(const ImportRequest& request, ApiCallback<ImportReport> done) = 0;
};

}  // namespace datahub::web
