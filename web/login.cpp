#include "login.h"

#include "datahub/url_encoding.h"

namespace datahub::web {

std::string HashParameter(std::string_view hash, std::string_view key) {
  if (!hash.starts_with('#')) return {};
  hash.remove_prefix(1);
  if (!hash.starts_with(key) || hash.substr(key.size(), 1) != "=") return {};
  std::string_view value = hash.substr(key.size() + 1);
  value = value.substr(0, value.find('&'));  // room for later parameters
  return percent_decode(value);
}

std::string SsoErrorText(std::string_view code) {
  if (code == "access_denied" || code == "forbidden")
    return "The company's sign-in did not let you in. Ask an administrator for access.";
  if (code == "disabled") return "This account is disabled. Ask an administrator.";
  return "Sign-in with SSO did not work (" + std::string(code) +
         "). Try again, or sign in with a password.";
}

}  // namespace datahub::web
