#include "session_cookie.h"

#include "datahub/text.h"

namespace datahub::backend {

std::optional<std::string> session_cookie_from(std::string_view header) {
  return cookie_from(header, kSessionCookie);
}

std::optional<std::string> cookie_from(std::string_view header, std::string_view name) {
  // RFC 6265 5.4: "name=value" pairs separated by ";" and optional spaces.
  while (!header.empty()) {
    const auto end = header.find(';');
    std::string_view pair = trim_ascii(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || trim_ascii(pair.substr(0, eq)) != name) continue;
    std::string_view value = trim_ascii(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

std::string set_session_cookie(const std::string& session_id, bool secure) {
  return std::string(kSessionCookie) + "=" + session_id + "; HttpOnly; SameSite=Strict; Path=/api" +
         (secure ? "; Secure" : "");
}

std::string clear_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/api; Max-Age=0" +
         (secure ? "; Secure" : "");
}

std::string set_sso_state_cookie(const std::string& state, bool secure) {
  return std::string(kSsoStateCookie) + "=" + state +
         "; HttpOnly; SameSite=Lax; Path=/api/session/sso; Max-Age=600" +
         (secure ? "; Secure" : "");
}

std::string clear_sso_state_cookie(bool secure) {
  return std::string(kSsoStateCookie) +
         "=; HttpOnly; SameSite=Lax; Path=/api/session/sso; Max-Age=0" + (secure ? "; Secure" : "");
}

}  // namespace datahub::backend
