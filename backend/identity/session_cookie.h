// The session cookie (docs/API.md, "Sessions"): datahub_session, HttpOnly, SameSite=Strict,
// Path=/api, and Secure when the server speaks HTTPS.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

inline constexpr std::string_view kSessionCookie = "datahub_session";
// OIDC sign-in: the state of the sign-in this browser started, so that a callback is only
// taken from the browser that went to the IdP (no login CSRF). SameSite=Lax: the IdP's
// redirect back is a cross-site navigation.
inline constexpr std::string_view kSsoStateCookie = "datahub_sso";

// The session id from a Cookie header value, when there is one.
std::optional<std::string> session_cookie_from(std::string_view cookie_header);
// The value of the cookie `name` in a Cookie header value, when there is one.
std::optional<std::string> cookie_from(std::string_view cookie_header, std::string_view name);
// Set-Cookie values that set and clear the session cookie.
std::string set_session_cookie(const std::string& session_id, bool secure);
std::string clear_session_cookie(bool secure);
// Set-Cookie values for kSsoStateCookie: HttpOnly, SameSite=Lax, Path=/api/session/sso, 10 min.
std::string set_sso_state_cookie(const std::string& state, bool secure);
std::string clear_sso_state_cookie(bool secure);

}  // namespace datahub::backend
