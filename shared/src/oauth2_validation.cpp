// The rules for auth.method "oauth2": what each grant needs (RFC 6749 §4.3, §4.4) and what the
// token request must stay in control of.
#include <array>

#include "datahub/connector_validation.h"
#include "datahub/text.h"
#include "validation_parts.h"

namespace datahub::detail {
namespace {

// The parameters the token client writes itself; extra_params may not replace them.
constexpr std::array<std::string_view, 8> kReservedParams = {
    "grant_type", "client_id", "client_secret", "username",
    "password",   "scope",     "audience",      "resource"};

std::string check_required_text(std::string_view value) {
  return trim_ascii(value).empty() ? "is required" : check_plain_text(value);
}

void validate_extra_params(const OAuth2Settings& o, std::vector<FieldError>& errors) {
  for (const auto& [key, value] : o.extra_params) {
    const auto path = "auth.extra_params." + key;
    if (trim_ascii(key).empty()) {
      add_error(errors, "auth.extra_params", "must not have an empty parameter name");
      continue;
    }
    std::string message = check_plain_text(key);
    for (auto reserved : kReservedParams) {
      if (message.empty() && iequals_ascii(key, reserved)) {
        message = "must not override the token parameter \"" + std::string(reserved) +
                  "\" (use its own field)";
      }
    }
    if (message.empty()) message = check_plain_text(value);
    add_error(errors, path, std::move(message));
  }
}

void validate_grant(const OAuth2Settings& o, std::vector<FieldError>& errors) {
  if (o.client_secret.value)
    add_error(errors, "auth.client_secret", check_secret_length(*o.client_secret.value));
  if (o.grant_type == GrantType::ClientCredentials) {
    if (!o.client_secret.present() &&
        o.client_authentication != ClientAuthentication::PrivateKeyJwt) {
      add_error(errors, "auth.client_secret", "is required for the client credentials grant");
    }
    add_error(errors, "auth.username", check_plain_text(o.username));
    return;
  }
  add_error(errors, "auth.username",
            trim_ascii(o.username).empty() ? "is required for the password grant"
                                           : check_plain_text(o.username));
  if (!o.password.present()) {
    add_error(errors, "auth.password", "is required for the password grant");
  }
}

}  // namespace

void validate_oauth2(const OAuth2Settings& o, std::vector<FieldError>& errors) {
  add_error(errors, "auth.token_url", check_http_url(o.token_url));
  add_error(errors, "auth.client_id", check_required_text(o.client_id));
  validate_grant(o, errors);
  add_error(errors, "auth.scope", check_plain_text(o.scope));
  add_error(errors, "auth.audience", check_plain_text(o.audience));
  add_error(errors, "auth.resource", check_plain_text(o.resource));
  validate_extra_params(o, errors);
  validate_oauth2_options(o, errors);
}

}  // namespace datahub::detail
