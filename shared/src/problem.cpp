// The problem catalogue of the contract and its JSON form (RFC 9457).
#include "datahub/problem.h"

#include <array>
#include <cstdint>

namespace datahub {
namespace {

constexpr std::string_view kUriPrefix = "urn:datahub:problem:";

struct TypeInfo {
  ProblemType type;
  std::string_view name;
  int status;
  std::string_view title;
};

// One row per type, in the order of the enum (checked in problem_info).
constexpr std::array<TypeInfo, 24> kTypes = {{
    {ProblemType::BadRequest, "bad-request", 400, "Bad request"},
    {ProblemType::UnsupportedMediaType, "unsupported-media-type", 415, "Unsupported media type"},
    {ProblemType::PayloadTooLarge, "payload-too-large", 413, "Payload too large"},
    {ProblemType::Validation, "validation", 422, "Validation failed"},
    {ProblemType::Unauthorized, "unauthorized", 401, "Unauthorized"},
    {ProblemType::NotFound, "not-found", 404, "Not found"},
    {ProblemType::NameTaken, "name-taken", 409, "Name already taken"},
    {ProblemType::PreconditionRequired, "precondition-required", 428, "Precondition required"},
    {ProblemType::PreconditionFailed, "precondition-failed", 412, "Precondition failed"},
    {ProblemType::ConnectorDisabled, "connector-disabled", 409, "Connector disabled"},
    {ProblemType::DestinationNotAllowed, "destination-not-allowed", 403, "Destination not allowed"},
    {ProblemType::UpstreamError, "upstream-error", 502, "Upstream error"},
    {ProblemType::UpstreamTimeout, "upstream-timeout", 504, "Upstream timeout"},
    {ProblemType::TokenError, "token-error", 502, "Token request failed"},
    {ProblemType::InsufficientStorage, "insufficient-storage", 507, "Insufficient storage"},
    {ProblemType::RateLimited, "rate-limited", 429, "Rate limit reached"},
    {ProblemType::Busy, "busy", 503, "Server busy"},
    {ProblemType::Forbidden, "forbidden", 403, "Forbidden"},
    {ProblemType::Csrf, "csrf", 403, "CSRF token missing or wrong"},
    {ProblemType::TooManyAttempts, "too-many-attempts", 429, "Too many attempts"},
    {ProblemType::LastAdmin, "last-admin", 409, "Last administrator"},
    {ProblemType::SetupDone, "setup-done", 409, "Setup already done"},
    {ProblemType::StoreUnavailable, "store-unavailable", 503, "Store unavailable"},
    {ProblemType::Internal, "internal", 500, "Internal error"},
}};

constexpr bool rows_follow_the_enum() {
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    if (static_cast<std::size_t>(kTypes[i].type) != i) return false;
  return static_cast<std::size_t>(ProblemType::Internal) + 1 == kTypes.size();
}
// problem_info indexes the table by the enum's value: a type added to the enum but not here
// (or out of order) would otherwise be answered as "internal" at run time.
static_assert(rows_follow_the_enum(), "kTypes must list every ProblemType, in the enum's order");

const TypeInfo& problem_info(ProblemType type) {
  const auto index = static_cast<std::size_t>(type);
  if (index < kTypes.size() && kTypes[index].type == type) return kTypes[index];
  return kTypes.back();  // unreachable for a valid enum value; Internal is the safe answer
}

nlohmann::json errors_to_json(const std::vector<FieldError>& errors) {
  auto out = nlohmann::json::array();
  for (const auto& e : errors) out.push_back({{"field", e.field}, {"message", e.message}});
  return out;
}

std::string string_member(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::vector<FieldError> errors_from_json(const nlohmann::json& body) {
  std::vector<FieldError> out;
  const auto it = body.find("errors");
  if (it == body.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (!e.is_object()) continue;
    out.push_back({string_member(e, "field"), string_member(e, "message")});
  }
  return out;
}

}  // namespace

std::string_view problem_name(ProblemType type) {
  return problem_info(type).name;
}

std::string problem_type_uri(ProblemType type) {
  return std::string(kUriPrefix) + std::string(problem_name(type));
}

int problem_status(ProblemType type) {
  return problem_info(type).status;
}

std::string_view problem_title(ProblemType type) {
  return problem_info(type).title;
}

const std::vector<ProblemType>& all_problem_types() {
  static const std::vector<ProblemType> types = [] {
    std::vector<ProblemType> out;
    for (const auto& info : kTypes) out.push_back(info.type);
    return out;
  }();
  return types;
}

ProblemType problem_type_for_status(int status) {
  if (status >= 500) return ProblemType::Internal;
  for (const auto& info : kTypes) {
    if (info.status == status) return info.type;
  }
  return ProblemType::BadRequest;
}

std::optional<ProblemType> problem_type_from_name(std::string_view name) {
  for (const auto& info : kTypes) {
    if (info.name == name) return info.type;
  }
  return std::nullopt;
}

std::optional<ProblemType> problem_type_from_uri(std::string_view uri) {
  if (uri.substr(0, kUriPrefix.size()) != kUriPrefix) return std::nullopt;
  return problem_type_from_name(uri.substr(kUriPrefix.size()));
}

Problem make_problem(ProblemType type, std::string detail, std::vector<FieldError> errors) {
  Problem p;
  p.type = type;
  p.title = std::string(problem_title(type));
  p.status = problem_status(type);
  p.detail = std::move(detail);
  p.errors = std::move(errors);
  return p;
}

nlohmann::json to_json(const Problem& problem) {
  nlohmann::json out = {{"type", problem_type_uri(problem.type)},
                        {"title", problem.title},
                        {"status", problem.status},
                        {"detail", problem.detail}};
  if (!problem.errors.empty()) out["errors"] = errors_to_json(problem.errors);
  // Extensions add members; they never replace the standard ones.
  if (problem.extensions.is_object()) {
    for (const auto& [key, value] : problem.extensions.items()) {
      if (!out.contains(key)) out[key] = value;
    }
  }
  return out;
}

Problem problem_from_json(const nlohmann::json& body, int http_status) {
  const auto type = body.is_object() ? problem_type_from_uri(string_member(body, "type"))
                                     : std::optional<ProblemType>{};
  if (!type) {
    auto p = make_problem(ProblemType::Internal, "The server answered HTTP " +
                                                     std::to_string(http_status) +
                                                     " without a problem description.");
    p.status = http_status;
    return p;
  }
  auto p = make_problem(*type, string_member(body, "detail"), errors_from_json(body));
  if (const auto title = string_member(body, "title"); !title.empty()) p.title = title;
  const auto status = body.find("status");
  const bool has_status = status != body.end() && status->is_number_integer() &&
                          status->get<std::int64_t>() >= 100 && status->get<std::int64_t>() <= 599;
  p.status = has_status ? static_cast<int>(status->get<std::int64_t>()) : http_status;
  for (const auto& [key, value] : body.items()) {
    if (key != "type" && key != "title" && key != "status" && key != "detail" && key != "errors") {
      p.extensions[key] = value;
    }
  }
  return p;
}

void append_field_errors(std::vector<FieldError>& errors, const std::vector<FieldError>& more) {
  for (const auto& e : more) {
    bool known = false;
    for (const auto& have : errors) known = known || have.field == e.field;
    if (!known) errors.push_back(e);
  }
}

}  // namespace datahub
