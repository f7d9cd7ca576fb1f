// The rules of the static authentication methods: api_key, basic (RFC 7617) and bearer
// (RFC 6750).
#include "datahub/connector_validation.h"
#include "datahub/text.h"
#include "validation_parts.h"

namespace datahub::detail {
namespace {

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
bool is_b64token(std::string_view s) {
  std::size_t i = 0;
  auto token_char = [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '+' || ch == '/';
  };
  while (i < s.size() && token_char(s[i])) ++i;
  if (i == 0) return false;
  while (i < s.size() && s[i] == '=') ++i;
  return i == s.size();
}

// Required, and long enough for the outbound masking to tell it from ordinary text.
std::string check_secret(const WriteOnly& w, const char* what, std::string message = {}) {
  if (!w.present()) return std::string("is required for ") + what;
  if (!message.empty() || !w.value) return message;
  return check_secret_length(*w.value);
}

std::string check_api_key_name(const ApiKeySettings& k) {
  if (k.name.empty()) return "is required";
  if (k.in == ApiKeyLocation::Query) return check_plain_text(k.name);
  if (auto message = check_header_name(k.name); !message.empty()) return message;
  if (is_reserved_header(k.name)) return "is set by the HTTP client and cannot be configured";
  return {};
}

void validate_api_key(const ApiKeySettings& k, std::vector<FieldError>& errors) {
  add_error(errors, "auth.name", check_api_key_name(k));
  std::string value_rule;
  if (k.value.value)
    value_rule = k.in == ApiKeyLocation::Header ? check_header_value(*k.value.value)
                                                : check_plain_text(*k.value.value);
  add_error(errors, "auth.value", check_secret(k.value, "an API key", value_rule));
}

void validate_basic(const BasicSettings& b, std::vector<FieldError>& errors) {
  std::string message = check_plain_text(b.username);
  if (message.empty() && b.username.find(':') != std::string::npos)
    message = "must not contain ':' (RFC 7617: it ends the user-id)";
  add_error(errors, "auth.username", message);
  const std::string password_rule = b.password.value ? check_plain_text(*b.password.value) : "";
  add_error(errors, "auth.password",
            check_secret(b.password, "basic authentication", password_rule));
}

void validate_bearer(const BearerSettings& b, std::vector<FieldError>& errors) {
  std::string token_rule;
  if (b.token.value && !b.token.value->empty() && !is_b64token(*b.token.value))
    token_rule = "must be a b64token (RFC 6750: letters, digits, - . _ ~ + / and trailing =)";
  add_error(errors, "auth.token", check_secret(b.token, "a bearer token", token_rule));
}

}  // namespace

void validate_static_auth(const AuthSettings& auth, std::vector<FieldError>& errors) {
  switch (auth.method) {
    case AuthMethod::ApiKey:
      validate_api_key(auth.api_key, errors);
      break;
    case AuthMethod::Basic:
      validate_basic(auth.basic, errors);
      break;
    case AuthMethod::Bearer:
      validate_bearer(auth.bearer, errors);
      break;
    case AuthMethod::None:
    case AuthMethod::OAuth2:
      break;
  }
}

}  // namespace datahub::detail
