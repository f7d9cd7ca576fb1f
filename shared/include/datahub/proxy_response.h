// The answer of POST /api/connectors/{id}/request (docs/API.md, "Test result and proxied
// response"): {"status","headers","body","body_truncated","latency_ms"}, every member always
// present. The backend's outbound client builds it; the route writes it with to_json.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "datahub/result.h"

namespace datahub {

struct ProxyResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; repeated ones joined by ", "
  std::string body;  // at most 1 MiB, valid UTF-8 (bytes that are not become U+FFFD)
  bool body_truncated = false;
  double latency_ms = 0;
  bool operator==(const ProxyResponse&) const = default;
};

nlohmann::json to_json(const ProxyResponse& response);
// Missing members keep their defaults; a member of the wrong type refuses the document.
Result<ProxyResponse> proxy_response_from_json(const nlohmann::json& body);

}  // namespace datahub
