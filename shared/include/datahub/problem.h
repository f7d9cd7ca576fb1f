// RFC 9457 problem details: the one error shape of the REST contract, and of messages in the UI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace datahub {

// Every problem type of the contract (`urn:datahub:problem:<name>`).
enum class ProblemType {
  BadRequest,
  UnsupportedMediaType,
  PayloadTooLarge,
  Validation,
  Unauthorized,
  NotFound,
  NameTaken,
  PreconditionRequired,
  PreconditionFailed,
  ConnectorDisabled,
  DestinationNotAllowed,
  UpstreamError,
  UpstreamTimeout,
  TokenError,
  InsufficientStorage,  // 507: the store's disk (or LMDB map) is full; reads still work
  RateLimited,          // 429: the connector's rate limit, with Retry-After
  Busy,                 // 503: every outbound slot is taken (by slow upstreams), with Retry-After
  Forbidden,            // 403: signed in, but the role (or setup code) does not allow it
  Csrf,                 // 403: a cookie-authenticated change without its X-CSRF-Token
  TooManyAttempts,      // 429: sign-in throttled, with Retry-After
  LastAdmin,            // 409: the last enabled admin cannot be removed, disabled or demoted
  SetupDone,            // 409: POST /api/setup once a user exists
  StoreUnavailable,     // 503: the shared store (PostgreSQL) cannot be reached, with Retry-After
  Internal,
};

// One broken field, named by its JSON path ("auth.token_url", "headers[2].name").
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Problem {
  ProblemType type = ProblemType::Internal;
  std::string title;   // short, fixed per type ("Validation failed")
  int status = 500;    // the HTTP status that goes with the type
  std::string detail;  // this occurrence, for a person; never a secret
  std::vector<FieldError> errors;
  nlohmann::json extensions = nlohmann::json::object();  // e.g. oauth_error, for token-error
};

// The short name ("validation") and the URN ("urn:datahub:problem:validation").
std::string_view problem_name(ProblemType type);
std::string problem_type_uri(ProblemType type);
int problem_status(ProblemType type);
std::string_view problem_title(ProblemType type);
// All types, in the order of the enum (for the OpenAPI document and tests).
const std::vector<ProblemType>& all_problem_types();
// The reverse lookups ("validation", "urn:datahub:problem:validation"); nothing when unknown.
std::optional<ProblemType> problem_type_from_name(std::string_view name);
std::optional<ProblemType> problem_type_from_uri(std::string_view uri);
// The type an answer without a problem document stands for: the first type of the catalogue
// with that status (401 Unauthorized, 409 NameTaken, 422 Validation ...); any 5xx is Internal
// (which upstream case it was is not known), any other status BadRequest.
ProblemType problem_type_for_status(int status);

// A problem of `type` with the type's status and title.
Problem make_problem(ProblemType type, std::string detail, std::vector<FieldError> errors = {});

nlohmann::json to_json(const Problem& problem);
// Reads a problem body (the web client does). Unknown or missing members get safe defaults;
// a body that is not a problem at all gives an Internal problem whose detail says so.
Problem problem_from_json(const nlohmann::json& body, int http_status);

// Adds `more` to `errors`, skipping a field that already has a message (the first one wins):
// lets a caller report parse errors and rule errors together without saying a field twice.
void append_field_errors(std::vector<FieldError>& errors, const std::vector<FieldError>& more);

}  // namespace datahub
