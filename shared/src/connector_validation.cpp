// validate() and the single-field rules shared by the web form and the backend.
#include "datahub/connector_validation.h"

#include <algorithm>

#include "datahub/limit_text.h"
#include "datahub/text.h"
#include "datahub/url.h"
#include "validation_parts.h"

namespace datahub {
namespace {

bool is_tchar(char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";  // RFC 9110 §5.6.2
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kSymbols.find(c) != std::string_view::npos;
}

}  // namespace

std::string check_name(std::string_view name) {
  const auto trimmed = trim_ascii(name);
  const auto length = utf8_length(trimmed);
  if (!length) return "must be valid UTF-8";
  if (*length == 0) return "is required";
  if (has_control_chars(trimmed)) return "must not contain control characters";
  if (*length > kMaxNameLength) return must_be_at_most(kMaxNameLength, "characters");
  return {};
}

std::string check_http_url(std::string_view url) {
  const auto trimmed = trim_ascii(url);
  if (trimmed.empty()) return "is required";
  return parse_http_url(trimmed).error;
}

bool is_http_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_tchar);
}

std::string check_header_name(std::string_view name) {
  const auto trimmed = trim_ascii(name);
  if (trimmed.empty()) return "is required";
  if (!is_http_token(trimmed))
    return "must be a valid header name (letters, digits, !#$%&'*+-.^_`|~)";
  return {};
}

std::string check_header_value(std::string_view value) {
  for (char c : value) {
    // CR and LF would let a value add headers of its own (header injection).
    if (c == '\r' || c == '\n' || c == '\0') return "must not contain CR, LF or NUL";
  }
  for (char c : value) {
    if ((c > 0 && c < 0x20 && c != '\t') || c == 0x7F) return "must not contain control characters";
  }
  if (!is_valid_utf8(value)) return "must be valid UTF-8";
  if (value.size() > kMaxHeaderValueLength) return must_be_at_most(kMaxHeaderValueLength, "bytes");
  return {};
}

std::string check_secret_length(std::string_view secret) {
  if (secret.size() > kMaxPlainTextLength) return must_be_at_most(kMaxPlainTextLength, "bytes");
  if (secret.empty() || secret.size() >= kMinSecretLength) return {};
  return "must be at least " + std::to_string(kMinSecretLength) +
         " bytes long (a shorter secret is easy to guess)";
}

std::string check_timeout_ms(long long timeout_ms) {
  if (timeout_ms < 1 || timeout_ms > kMaxTimeoutMs) return must_be_between(1, kMaxTimeoutMs);
  return {};
}

std::string check_plain_text(std::string_view text) {
  if (text.size() > kMaxPlainTextLength) return must_be_at_most(kMaxPlainTextLength, "bytes");
  if (!is_valid_utf8(text)) return "must be valid UTF-8";
  if (has_control_chars(text)) return "must not contain control characters";
  return {};
}

std::string check_proxy_url(std::string_view text) {
  if (text.empty()) return "is required for a custom proxy";
  const auto parsed = parse_http_url(text);
  if (!parsed.url) return parsed.error;
  if (!parsed.url->path.empty() && parsed.url->path != "/")
    return "must be only scheme, host and port (no path)";
  if (parsed.url->query) return "must be only scheme, host and port (no query)";
  return {};
}

std::vector<FieldError> validate(const Connector& c) {
  std::vector<FieldError> errors;
  detail::add_error(errors, "type", c.type == kConnectorTypeApi ? "" : "must be \"api\"");
  detail::add_error(errors, "name", check_name(c.name));
  detail::add_error(errors, "base_url", check_http_url(c.base_url));
  if (c.auth.method == AuthMethod::OAuth2) detail::validate_oauth2(c.auth.oauth2, errors);
  detail::validate_static_auth(c.auth, errors);
  detail::validate_headers(c, errors);
  detail::add_error(errors, "timeout_ms", check_timeout_ms(c.timeout_ms));
  detail::validate_transport(c, errors);
  return errors;
}

Problem validation_problem(std::vector<FieldError> errors) {
  const auto count = errors.size();
  std::string detail =
      count == 1 ? "1 field is not valid." : std::to_string(count) + " fields are not valid.";
  return make_problem(ProblemType::Validation, std::move(detail), std::move(errors));
}

}  // namespace datahub
