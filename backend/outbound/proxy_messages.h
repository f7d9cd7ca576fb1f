// The bodies of /test and /request as the routes receive and answer them.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "datahub/proxy_response.h"  // the answer: datahub::ProxyResponse
#include "datahub/result.h"

namespace datahub::outbound {

// POST /api/connectors/{id}/request: {"method","path","query":{},"headers":{},"body":...}
struct ProxyRequest {
  std::string method = "GET";  // upper case, one of GET HEAD POST PUT PATCH DELETE OPTIONS
  std::string path;            // below the base URL; "" is the base URL itself
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // replace connector headers of the same name
  // A string is sent as it is (text/plain unless headers say otherwise); any other JSON value
  // is sent as JSON (application/json unless headers say otherwise); nullopt sends no body.
  std::optional<nlohmann::json> body;
};

// The optional body of POST /api/connectors/{id}/test: {"method":"GET","path":"/health"}.
struct TestRequest {
  std::string method = "GET";
  std::string path;  // "" tests the base URL itself
};

// Problems: BadRequest (400) for a wrong JSON type, Validation (422) for a value that breaks a
// rule (unknown method, a path that leaves the base URL, a header that may not be sent); every
// broken field is listed in `errors`.
Result<ProxyRequest> proxy_request_from_json(nlohmann::json body);
// `body` may be null (no body at all): then GET on the base URL.
Result<TestRequest> test_request_from_json(const nlohmann::json& body);

}  // namespace datahub::outbound
