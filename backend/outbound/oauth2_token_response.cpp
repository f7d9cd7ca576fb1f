#include "outbound/oauth2_token_response.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

#include "datahub/json_parse.h"
#include "datahub/text.h"
#include "outbound/base64url.h"

namespace datahub::outbound {

namespace {

using nlohmann::json;

Problem token_problem(std::string detail) {
  return make_problem(ProblemType::TokenError, std::move(detail));
}

std::optional<json> parse_object(std::string_view body) {
  auto parsed = parse_json(body);  // a token endpoint may answer anything, nested arrays too
  if (parsed.error != JsonParseError::None || !parsed.value.is_object()) return std::nullopt;
  return std::move(parsed.value);
}

std::string string_member(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A lifetime kept within a year: a larger one would overflow the clock arithmetic of the cache
// (steady_clock::now() + expires_in), and no token lives that long anyway.
std::chrono::seconds clamped_lifetime(double seconds) {
  constexpr double kYear = 365.0 * 24 * 3600;
  return std::chrono::seconds(static_cast<std::int64_t>(std::clamp(seconds, 0.0, kYear)));
}

// The member at `pointer` (RFC 6901), or null when the pointer does not parse or leads nowhere.
const json* at_pointer(const json& object, const std::string& pointer) {
  try {
    const json::json_pointer p(pointer);
    return object.contains(p) ? &object.at(p) : nullptr;
  } catch (const json::exception&) {  // validate() refuses such pointers; a stored one is kept
    return nullptr;
  }
}

// A number, or a string holding a whole one ("3600"); anything else tells nothing.
std::optional<std::chrono::seconds> seconds_of(const json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number() && std::isfinite(value->get<double>()))
    return clamped_lifetime(value->get<double>());
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    std::int64_t seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && end == text.data() + text.size())
      return clamped_lifetime(static_cast<double>(seconds));
  }
  return std::nullopt;
}

// The time left until the "exp" claim when `token` is a JWT (RFC 7519 §4.1.4).
std::optional<std::chrono::seconds> jwt_lifetime(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first == std::string::npos ? first : first + 1);
  if (first == std::string::npos || second == std::string::npos) return std::nullopt;
  const auto payload =
      base64url_decode(std::string_view(token).substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  const auto claims = parse_object(*payload);
  if (!claims) return std::nullopt;
  const auto exp = claims->find("exp");
  if (exp == claims->end() || !exp->is_number() || !std::isfinite(exp->get<double>()))
    return std::nullopt;
  return clamped_lifetime(exp->get<double>() - static_cast<double>(std::time(nullptr)));
}

std::chrono::seconds lifetime_of(const json& object, const std::string& token,
                                 const TokenFields& fields) {
  if (auto given = seconds_of(at_pointer(object, fields.expires_field))) return *given;
  if (auto from_jwt = jwt_lifetime(token)) return *from_jwt;
  return fields.default_lifetime;
}

// RFC 6750 §2.1 b64token characters, and in any case only visible ASCII: the token goes into
// an Authorization header, where CR or LF would add headers of the token endpoint's choosing.
bool is_sendable_token(std::string_view token) {
  return std::all_of(token.begin(), token.end(),
                     [](unsigned char c) { return c >= 0x21 && c <= 0x7e; });
}

Problem error_response(int status, std::string_view body, bool truncated) {
  auto object = truncated ? std::nullopt : parse_object(body);
  std::string code = object ? string_member(*object, "error") : "";
  if (code.empty())
    return token_problem("the token endpoint answered " + std::to_string(status) +
                         " without an OAuth 2.0 error object");
  std::string description = string_member(*object, "error_description");
  auto p = token_problem("the token endpoint refused the request: " + code +
                         (description.empty() ? "" : " (" + description + ")"));
  p.extensions["oauth_error"] = code;
  if (!description.empty()) p.extensions["oauth_error_description"] = description;
  return p;
}

}  // namespace

TokenFields token_fields_of(const OAuth2Settings& settings) {
  return {settings.token_field, settings.expires_field,
          std::chrono::seconds(settings.default_lifetime_s)};
}

Result<AccessToken> parse_token_response(int status, std::string_view body, bool truncated) {
  return parse_token_response(status, body, truncated, TokenFields{});
}

Result<AccessToken> parse_token_response(int status, std::string_view body, bool truncated,
                                         const TokenFields& fields) {
  if (status < 200 || status > 299) return error_response(status, body, truncated);
  if (truncated) return token_problem("the token endpoint's answer is too large");
  auto object = parse_object(body);
  if (!object) return token_problem("the token endpoint's answer is not a JSON object");
  AccessToken token;
  const json* value = at_pointer(*object, fields.token_field);
  if (value != nullptr && value->is_string()) token.value = value->get<std::string>();
  if (token.value.empty())
    return token_problem("the token endpoint's answer has no access token at " +
                         fields.token_field);
  if (!is_sendable_token(token.value))
    return token_problem(
        "the token endpoint issued an access_token with spaces or control characters");
  auto type = object->find("token_type");
  if (type != object->end() &&
      !(type->is_string() && iequals_ascii(type->get<std::string>(), "bearer")))
    return token_problem("the token endpoint issued a token that is not a Bearer token");
  token.expires_in = lifetime_of(*object, token.value, fields);
  token.scope = string_member(*object, "scope");
  token.refresh_token = string_member(*object, "refresh_token");
  return token;
}

}  // namespace datahub::outbound
