#include "datahub/proxy_response.h"
#include "json_members.h"

namespace datahub {

nlohmann::json to_json(const ProxyResponse& response) {
  return {{"status", response.status},
          {"headers", response.headers},
          {"body", response.body},
          {"body_truncated", response.body_truncated},
          {"latency_ms", response.latency_ms}};
}

Result<ProxyResponse> proxy_response_from_json(const nlohmann::json& body) {
  if (!body.is_object())
    return json_members::unreadable("proxied response", {{"", "must be an object"}});
  std::vector<FieldError> errors;
  ProxyResponse out;
  json_members::Reader r(body, "", errors);
  r.read("status", out.status, "an integer");
  r.read("headers", out.headers, "an object of strings");
  r.read("body", out.body, "a string");
  r.read("body_truncated", out.body_truncated, "a boolean");
  r.read("latency_ms", out.latency_ms, "a number");
  if (!errors.empty()) return json_members::unreadable("proxied response", std::move(errors));
  return out;
}

}  // namespace datahub
