// What the connector calls of the API answer (docs/API.md): a connector with its ETag, a test
// result and the history. Plain data for the screens; api_client_http_connectors.cpp reads them
// with the shared codecs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "certificates.h"
#include "datahub/connector.h"
#include "datahub/connector_health.h"
#include "datahub/test_result.h"

namespace datahub::web {

// A connector as the server stored it, with the ETag that guards the next change (If-Match).
struct ConnectorDoc {
  Connector connector;              // write-only values come back as WriteOnly::is_set only
  std::string etag;                 // the strong tag "<version>"
  StoredCertificates certificates;  // what the server read in its CA and client certificate
  ConnectorHealth health;           // beside the connector, not part of its version
};

// Success that carries nothing (DELETE answers 204).
struct Done {};

// The test result is the shared TestResult (datahub/test_result.h), read with its codec.

// The History tab's view of the shared HistoryEntry (datahub/history_entry.h, read with its
// codec): one line of "what changed", values as text as the API gave them ("(changed)" for
// secrets, "—" for no value).
struct HistoryChange {
  std::string field;
  std::string from;
  std::string to;
};

struct HistoryEntry {
  std::string at;      // RFC 3339 UTC
  std::string action;  // created, updated, activated, disabled, deleted, tested
  std::int64_t version = 0;
  std::vector<HistoryChange> changes;
  // Who made the change (docs/API.md: the entry's "actor": a user's username, a token's name,
  // or "admin-token"); empty when the server does not say.
  std::string actor{};
};

}  // namespace datahub::web
