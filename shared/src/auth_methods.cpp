#include "datahub/auth_methods.h"

#include <array>

namespace datahub {
namespace {

constexpr std::array kAuthMethods{
    AuthMethodInfo{AuthMethod::None, "none", false, ""},
    AuthMethodInfo{AuthMethod::OAuth2, "oauth2", true, "the token sets it"},
    // Its header is a name of its own (auth.name), when the key goes in a header.
    AuthMethodInfo{AuthMethod::ApiKey, "api_key", false, "the API key sets it"},
    AuthMethodInfo{AuthMethod::Basic, "basic", true, "the username and password set it"},
    AuthMethodInfo{AuthMethod::Bearer, "bearer", true, "the token sets it"},
};

}  // namespace

std::span<const AuthMethodInfo> auth_methods() {
  return kAuthMethods;
}

std::string auth_method_names() {
  std::string out;
  for (const auto& m : kAuthMethods) {
    if (!out.empty()) out += ", ";
    out += m.name;
  }
  return out;
}

std::string auth_reserved_header(const AuthSettings& auth) {
  if (auth.method == AuthMethod::ApiKey)
    return auth.api_key.in == ApiKeyLocation::Header ? auth.api_key.name : std::string{};
  for (const auto& m : kAuthMethods) {
    if (m.method == auth.method && m.sets_authorization) return "Authorization";
  }
  return {};
}

const AuthMethodInfo& auth_method_info(AuthMethod method) {
  for (const auto& m : kAuthMethods) {
    if (m.method == method) return m;
  }
  return kAuthMethods[0];  // unreachable for a valid enum value
}

std::string auth_reserved_message(AuthMethod method) {
  const auto& m = auth_method_info(method);
  return std::string("cannot be set while auth.method is ") + m.name + " (" + m.sets_header + ")";
}

}  // namespace datahub
