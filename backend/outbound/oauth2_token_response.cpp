#include "outbound/oauth2_token_response.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "datahub/json_parse.h"
#include "datahub/text.h"

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

// A number, or a string holding one ("3600"); anything else falls back to the default.
std::chrono::seconds lifetime_of(const json& object) {
  auto it = object.find("expires_in");
  if (it == object.end()) return kDefaultTokenLifetime;
  if (it->is_number() && std::isfinite(it->get<double>()))
    return clamped_lifetime(it->get<double>());
  if (it->is_string()) {
    const auto& text = it->get_ref<const std::string&>();
    std::int64_t seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && end == text.data() + text.size())
      return clamped_lifetime(static_cast<double>(seconds));
  }
  return kDefaultTokenLifetime;
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

Result<AccessToken> parse_token_response(int status, std::string_view body, bool truncated) {
  if (status < 200 || status > 299) return error_response(status, body, truncated);
  if (truncated) return token_problem("the token endpoint's answer is too large");
  auto object = parse_object(body);
  if (!object) return token_problem("the token endpoint's answer is not a JSON object");
  AccessToken token;
  token.value = string_member(*object, "access_token");
  if (token.value.empty()) return token_problem("the token endpoint's answer has no access_token");
  if (!is_sendable_token(token.value))
    return token_problem(
        "the token endpoint issued an access_token with spaces or control characters");
  auto type = object->find("token_type");
  if (type != object->end() &&
      !(type->is_string() && iequals_ascii(type->get<std::string>(), "bearer")))
    return token_problem("the token endpoint issued a token that is not a Bearer token");
  token.expires_in = lifetime_of(*object);
  token.scope = string_member(*object, "scope");
  token.refresh_token = string_member(*object, "refresh_token");
  return token;
}

}  // namespace datahub::outbound
