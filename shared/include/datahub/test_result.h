// The answer of POST /api/connectors/{id}/test and /api/connectors/test (docs/API.md, "Test
// result and proxied response"): {"ok", "steps": [token?, request?]}. The backend builds it,
// the web shows it; both go through the one codec below, so no member is lost on the way.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/result.h"

namespace datahub {

// How a step's answer came over TLS: {"version","peer_subject","peer_issuer","peer_not_after"}.
struct TlsInfo {
  std::string version;  // "TLSv1.3"
  std::string peer_subject;
  std::string peer_issuer;
  std::string peer_not_after;  // RFC 3339 UTC
  bool operator==(const TlsInfo&) const = default;
};

// The token step's exchange, as sent and as answered, every secret, assertion, password and
// token as "***": {"method","url","headers","body"} and {"status","headers","body_preview"}.
struct TokenExchangeRequest {
  std::string method;  // "POST"
  std::string url;
  std::map<std::string, std::string> headers;  // Authorization as "***"
  std::string body;                            // "grant_type=...&client_secret=***"
  bool operator==(const TokenExchangeRequest&) const = default;
};
struct TokenExchangeResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body_preview;                    // "{\"access_token\":\"***\", ...}"
  bool operator==(const TokenExchangeResponse&) const = default;
};

// One step ("token" or "request"). A member the server did not send stays empty and is not
// written back: which members a step has depends on how far it got.
struct TestStep {
  std::string name;  // "token" | "request"
  bool ok = false;
  // The request step: what was sent (no url/request_headers when nothing could be sent).
  std::optional<std::string> method;
  std::optional<std::string> url;
  std::optional<std::map<std::string, std::string>> request_headers;  // secrets as "***"
  // The answer, when one arrived.
  std::optional<int> status;
  std::optional<double> latency_ms;
  std::optional<std::map<std::string, std::string>> headers;  // lower-case names
  std::optional<std::string> body_preview;
  std::optional<bool> body_truncated;
  std::optional<int> redirects;  // followed before the answer; with final_url
  std::optional<std::string> final_url;
  // How it came: attempts, HTTP version, the proxy (no credentials) and TLS.
  std::optional<int> attempts;
  std::optional<std::string> http_version;  // "1.1", "2"
  std::optional<std::string> via_proxy;
  std::optional<TlsInfo> tls;
  // The token step: the grant used ("client_credentials" | "password" | "refresh_token") and
  // the exchange (no response when the endpoint never answered).
  std::optional<std::string> grant;
  std::optional<TokenExchangeRequest> request;
  std::optional<TokenExchangeResponse> response;
  // The token step on success.
  std::optional<std::string> token_type;   // "Bearer"
  std::optional<std::int64_t> expires_in;  // seconds granted
  std::optional<std::string> scope;
  // A failed step: the sentence, the problem's short name ("upstream-timeout"), and from a
  // token endpoint its OAuth error code and description.
  std::optional<std::string> error;
  std::optional<std::string> problem;
  std::optional<std::string> oauth_error;
  std::optional<std::string> oauth_error_description;

  bool operator==(const TestStep&) const = default;
};

struct TestResult {
  bool ok = false;  // every step ok (and at least one step)
  std::vector<TestStep> steps;
  bool operator==(const TestResult&) const = default;
};

// `ok` of a result made of `steps`: all of them ok, and at least one.
bool all_steps_ok(const std::vector<TestStep>& steps);

nlohmann::json to_json(const TlsInfo& tls);
nlohmann::json to_json(const TokenExchangeRequest& request);
nlohmann::json to_json(const TokenExchangeResponse& response);
nlohmann::json to_json(const TestStep& step);
nlohmann::json to_json(const TestResult& result);

// Absent and null members stay empty; a member of the wrong type refuses the document
// (BadRequest, every such member in `errors`). Unknown members are ignored.
Result<TestStep> test_step_from_json(const nlohmann::json& body);
Result<TestResult> test_result_from_json(const nlohmann::json& body);

}  // namespace datahub
