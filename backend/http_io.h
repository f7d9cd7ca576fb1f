// Small helpers that turn domain values into HTTP answers, and HTTP requests into domain inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "datahub/problem.h"
#include "datahub/result.h"
#include "if_match.h"

namespace datahub::backend {

inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;  // 413 above (docs/API.md, "Limits")

void write_json(httplib::Response& res, int status, const nlohmann::json& body);
void write_problem(httplib::Response& res, const Problem& problem);

// The request body as JSON: 415 when it is not declared JSON, 400 when it does not parse.
// An empty body is allowed when `optional_body` (it reads as an empty object).
Result<nlohmann::json> read_json_body(const httplib::Request& req, bool optional_body = false);

// The If-Match header, when there is one.
std::optional<IfMatch> read_if_match(const httplib::Request& req);

}  // namespace datahub::backend
