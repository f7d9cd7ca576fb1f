#include "http_io.h"

#include <spdlog/spdlog.h>

#include "datahub/text.h"
#include "json_render.h"

#include "datahub/json_parse.h"

#include <algorithm>
#include <cctype>

namespace datahub::backend {
namespace {

bool is_json_media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(
      std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }),
      type.end());
  type = to_lower_ascii(type);
  // application/json and structured suffixes such as application/merge-patch+json.
  return type == "application/json" || (type.rfind("application/", 0) == 0 && type.size() > 5 &&
                                        type.compare(type.size() - 5, 5, "+json") == 0);
}

}  // namespace

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(render_json(body), "application/json");
}

void write_problem(httplib::Response& res, const Problem& problem) {
  if (problem.type == ProblemType::Internal) {
    // Its detail may quote the store (a PostgreSQL error names tables, rows and settings): the
    // operator reads it in the log, the caller only learns that it failed.
    spdlog::error("internal error: {}", problem.detail);
    Problem shown = make_problem(ProblemType::Internal,
                                 "An internal error occurred; the server's log has the reason.");
    res.status = shown.status;
    res.set_content(render_json(to_json(shown)), "application/problem+json");
    return;
  }
  res.status = problem.status;
  if (problem.type == ProblemType::Unauthorized) {
    res.set_header("WWW-Authenticate", "Bearer");
  }
  if (auto after = problem.extensions.find("retry_after"); after != problem.extensions.end())
    res.set_header("Retry-After", after->dump());
  res.set_content(render_json(to_json(problem)), "application/problem+json");
}

Result<nlohmann::json> read_json_body(const httplib::Request& req, bool optional_body) {
  if (req.body.empty() && optional_body) return nlohmann::json::object();
  if (!is_json_media_type(req.get_header_value("Content-Type"))) {
    return make_problem(ProblemType::UnsupportedMediaType,
                        "The body must be JSON, sent with Content-Type: application/json.");
  }
  auto body = parse_json(req.body);
  if (body.error == JsonParseError::TooDeep) {
    return make_problem(ProblemType::BadRequest, "The body nests arrays and objects deeper than " +
                                                     std::to_string(kMaxJsonDepth) + " levels.");
  }
  if (body.error != JsonParseError::None) {
    return make_problem(ProblemType::BadRequest, "The body is not well-formed JSON.");
  }
  return std::move(body.value);
}

std::optional<IfMatch> read_if_match(const httplib::Request& req) {
  if (!req.has_header("If-Match")) return std::nullopt;
  return parse_if_match(req.get_header_value("If-Match"));
}

}  // namespace datahub::backend
