// The session cookie (docs/API.md, "Sessions"): datahub_session, HttpOnly, SameSite=Strict,
// Path=/api, and Secure when the server speaks HTTPS.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

inline constexpr std::string_view kSessionCookie = "datahub_session";

// The session id from a Cookie header value, when there is one.
std::optional<std::string> session_cookie_from(std::string_view cookie_header);
// Set-Cookie values that set and clear the session cookie.
std::string set_session_cookie(const std::string& session_id, bool secure);
std::string clear_session_cookie(bool secure);

}  // namespace datahub::backend
