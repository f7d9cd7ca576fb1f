// What the connector calls of the API answer (docs/API.md): a connector with its ETag, a test
// result and the history. Plain data for the screens; api_client_http_connectors.cpp reads them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "certificates.h"
#include "datahub/connector.h"

namespace datahub::web {

// A connector as the server stored it, with the ETag that guards the next change (If-Match).
struct ConnectorDoc {
  Connector connector;              // write-only values come back as WriteOnly::is_set only
  std::string etag;                 // the strong tag "<version>"
  StoredCertificates certificates;  // what the server read in its CA and client certificate
};

// Success that carries nothing (DELETE answers 204).
struct Done {};

// One step of a connection test ("token" or "request"); a step not reached is absent.
struct TestStep {
  std::string name;
  bool ok = false;
  int status = 0;  // 0: no HTTP answer (the error says why)
  double latency_ms = 0;
  std::string method;
  std::string url;
  std::string error;    // why the step failed, in the server's words
  std::string problem;  // its problem type ("upstream-timeout"), when it failed
  std::string oauth_error;
  std::string oauth_error_description;
  std::vector<std::pair<std::string, std::string>> request_headers;  // sent, secrets redacted
  int redirects = 0;                                                 // followed before the answer
  std::string final_url;                                             // where they led
  std::vector<std::pair<std::string, std::string>> headers;          // response headers
  std::string body_preview;                                          // the first bytes of the body
  bool body_truncated = false;
  // How the answer came (docs/API.md v1.1): 0 attempts when the server did not say.
  int attempts = 0;
  std::string http_version;            // "1.1", "2"
  std::string via_proxy;               // the proxy's URL without credentials; empty: direct
  std::string tls_version;             // empty without TLS
  CertificateInfo server_certificate;  // the peer's subject, issuer and expiry, over TLS
};

struct TestResult {
  bool ok = false;
  std::vector<TestStep> steps;
};

// One line of "what changed": values are shown as the API gave them ("(changed)" for secrets).
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
};

}  // namespace datahub::web
