#include "api_token_input.h"

#include <algorithm>
#include <chrono>

#include "datahub/connector_id.h"
#include "datahub/text.h"
#include "datahub/time_format.h"

namespace datahub::backend {
namespace {

using nlohmann::json;

const json* member(const json& body, const char* name) {
  auto it = body.find(name);
  return it == body.end() ? nullptr : &*it;
}

void read_name(const json* name, TokenInput& in, std::vector<FieldError>& types,
               std::vector<FieldError>& rules) {
  if (!name || name->is_null()) return rules.push_back({"name", "is required"});
  if (!name->is_string()) return types.push_back({"name", "must be a string"});
  in.name = name->get<std::string>();
  const auto length = utf8_length(in.name);
  if (!length || *length == 0 || *length > kMaxTokenNameLength || has_control_chars(in.name))
    rules.push_back({"name", "must be 1-100 characters, without control characters"});
}

void read_role(const json* role, TokenInput& in, std::vector<FieldError>& types,
               std::vector<FieldError>& rules) {
  if (!role || role->is_null()) return rules.push_back({"role", "is required"});
  if (!role->is_string()) return types.push_back({"role", "must be a string"});
  auto known = role_from_name(role->get<std::string>());
  if (!known) return rules.push_back({"role", "must be viewer, operator, editor or admin"});
  in.role = *known;
}

void read_connectors(const json* ids, const ConnectorExists& exists, TokenInput& in,
                     std::vector<FieldError>& types, std::vector<FieldError>& rules) {
  if (!ids || ids->is_null()) return;
  if (!ids->is_array()) return types.push_back({"connector_ids", "must be an array or null"});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const json& id = (*ids)[i];
    const std::string field = "connector_ids[" + std::to_string(i) + "]";
    if (!id.is_string()) {
      types.push_back({field, "must be a string"});
    } else if (!is_valid_connector_id(id.get<std::string>())) {
      rules.push_back({field, "is not a connector id"});
    } else if (exists && !exists(id.get<std::string>())) {
      rules.push_back({field, "names no connector"});
    } else {
      out.push_back(id.get<std::string>());
    }
  }
  if (ids->empty())
    rules.push_back({"connector_ids", "must name at least one connector, or be null for all"});
  if (ids->size() > kMaxTokenConnectors)
    rules.push_back({"connector_ids", "may name at most 1000 connectors"});
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  in.connector_ids = std::move(out);
}

void read_expiry(const json* at, std::int64_t now, TokenInput& in, std::vector<FieldError>& types,
                 std::vector<FieldError>& rules) {
  if (!at || at->is_null()) return;
  if (!at->is_string()) return types.push_back({"expires_at", "must be a time or null"});
  const auto seconds = parse_rfc3339_utc_seconds(at->get<std::string>());
  if (!seconds) return rules.push_back({"expires_at", "must be an RFC 3339 UTC time"});
  if (*seconds <= now) return rules.push_back({"expires_at", "must be in the future"});
  // Beyond this, "never" (null) says what is meant; and far times overflow the clock's type.
  if (*seconds - now > kMaxTokenLifetimeSeconds)
    return rules.push_back({"expires_at", "must be at most 100 years ahead, or null for never"});
  in.expires_at = *seconds;
}

}  // namespace

Result<TokenInput> token_input_from_json(const json& body, std::int64_t now,
                                         const ConnectorExists& exists) {
  if (!body.is_object())
    return make_problem(ProblemType::BadRequest, "The body must be a JSON object.",
                        {{"", "must be an object"}});
  TokenInput in;
  std::vector<FieldError> types, rules;
  read_name(member(body, "name"), in, types, rules);
  read_role(member(body, "role"), in, types, rules);
  read_connectors(member(body, "connector_ids"), exists, in, types, rules);
  read_expiry(member(body, "expires_at"), now, in, types, rules);
  if (!types.empty())
    return make_problem(ProblemType::BadRequest, "The token has members of the wrong type.",
                        std::move(types));
  if (!rules.empty())
    return make_problem(ProblemType::Validation, "The token has broken fields.", std::move(rules));
  return in;
}

}  // namespace datahub::backend
