// What the address brings to signing in (docs/UI.md, "Sign in"): a "#token=<token>" link (an API
// token or the admin token, exchanged for a session at once), the first start's "#setup=<code>"
// link, and "#sso_error=<code>" when a sign-in with SSO came back refused.
#pragma once

#include <string>
#include <string_view>

namespace datahub::web {

// The value of "#<key>=<value>" at the start of the hash, percent-decoded and cut at "&"; empty
// when the hash has none.
std::string HashParameter(std::string_view hash, std::string_view key);
inline std::string TokenFromHash(std::string_view hash) {
  return HashParameter(hash, "token");
}
inline std::string SetupCodeFromHash(std::string_view hash) {
  return HashParameter(hash, "setup");
}
inline std::string SsoErrorFromHash(std::string_view hash) {
  return HashParameter(hash, "sso_error");
}

// The sentence for an SSO refusal code the server sent back.
std::string SsoErrorText(std::string_view code);

}  // namespace datahub::web
