// The rules for the OAuth 2.0 options added after v1 (docs/API.md, "OAuth 2.0 additions"):
// private_key_jwt's key, the token response's JSON Pointers, the default lifetime and the
// statuses that mean "token expired".
#include <algorithm>

#include "datahub/connector_validation.h"
#include "datahub/limit_text.h"
#include "validation_parts.h"

namespace datahub {

bool is_json_pointer(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() != '/') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '~') continue;
    if (i + 1 == text.size() || (text[i + 1] != '0' && text[i + 1] != '1')) return false;
  }
  return true;
}

}  // namespace datahub

namespace datahub::detail {
namespace {

// A pointer into the token response: "" would name the whole document, never a token.
std::string check_response_pointer(std::string_view pointer) {
  if (pointer.empty()) return "is required (a JSON Pointer such as /access_token)";
  if (!is_json_pointer(pointer))
    return "must be a JSON Pointer (RFC 6901): \"/\" then names, \"~0\" for ~ and \"~1\" for /";
  return check_plain_text(pointer);
}

void validate_private_key(const OAuth2Settings& o, std::vector<FieldError>& errors) {
  const auto& key = o.private_key;
  if (o.client_authentication == ClientAuthentication::PrivateKeyJwt && !key.present()) {
    add_error(errors, "auth.private_key", "is required for private_key_jwt");
  } else if (key.value) {
    add_error(errors, "auth.private_key", check_private_key_pem(*key.value));
  }
  add_error(errors, "auth.key_id", check_plain_text(o.key_id));
}

void validate_expired_statuses(const std::vector<int>& statuses, std::vector<FieldError>& errors) {
  if (statuses.empty()) {
    add_error(errors, "auth.expired_statuses", "must list at least one status (401 by default)");
    return;
  }
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const auto path = "auth.expired_statuses[" + std::to_string(i) + "]";
    if (statuses[i] < 400 || statuses[i] > 599) {
      add_error(errors, path, must_be_between(400, 599));
    } else if (std::find(statuses.begin(), statuses.begin() + static_cast<std::ptrdiff_t>(i),
                         statuses[i]) != statuses.begin() + static_cast<std::ptrdiff_t>(i)) {
      add_error(errors, path, "is listed twice");
    }
  }
}

}  // namespace

void validate_oauth2_options(const OAuth2Settings& o, std::vector<FieldError>& errors) {
  validate_private_key(o, errors);
  add_error(errors, "auth.token_field", check_response_pointer(o.token_field));
  add_error(errors, "auth.expires_field", check_response_pointer(o.expires_field));
  if (o.default_lifetime_s < kMinDefaultLifetimeS || o.default_lifetime_s > kMaxDefaultLifetimeS)
    add_error(errors, "auth.default_lifetime_s",
              must_be_between(kMinDefaultLifetimeS, kMaxDefaultLifetimeS));
  validate_expired_statuses(o.expired_statuses, errors);
}

}  // namespace datahub::detail
