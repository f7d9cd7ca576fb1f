// Users, passwords and sessions (docs/API.md, "People and access"): the rules that need the
// identity store. Routes parse and answer; this decides.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "api_tokens.h"
#include "caller.h"
#include "if_match.h"
#include "sign_in_throttle.h"
#include "store/identity_store.h"

namespace datahub::backend {

struct SessionLimits {
  std::int64_t idle_seconds = 30 * 60;
  std::int64_t absolute_seconds = 12 * 60 * 60;
  // last_seen_at is written when it is at least this old: idle time costs no write per request.
  std::int64_t touch_every_seconds = 60;
  std::int64_t setup_code_seconds = 24 * 60 * 60;
};

// A new session: who it acts as (with its CSRF token), and its id.
struct SignedIn {
  Caller caller;
  std::string session_id;  // for the cookie only; the store keeps its hash
};

// Whether a string is the admin token (AdminAuth, which the service does not own).
using AdminTokenCheck = std::function<bool(std::string_view token)>;

class IdentityService {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds
  IdentityService(IdentityStore& store, SessionLimits limits = {}, Clock clock = {});

  // With no user in the store: a new one-time setup code (its hash stored), to print once.
  Result<std::optional<std::string>> prepare_setup();
  // POST /api/setup: the first admin, signed in.
  Result<SignedIn> setup(const nlohmann::json& body);

  // POST /api/session with a username and password.
  Result<SignedIn> sign_in(const std::string& username, const std::string& password,
                           const std::string& client_address);
  // POST /api/session with a token: a session acting as the admin token or an API token. A
  // wrong token counts as a failed sign-in from `client_address`.
  Result<SignedIn> sign_in_with_token(const std::string& token, const std::string& client_address,
                                      const AdminTokenCheck& is_admin_token);
  // The caller behind a session cookie; Unauthorized when it is unknown, expired or its user
  // is gone or disabled.
  Result<Caller> resolve_session(const std::string& session_id);
  Result<bool> sign_out(const Caller& caller);
  // POST /api/session/password: one's own, ending one's other sessions.
  Result<bool> change_password(const Caller& caller, const nlohmann::json& body);

  Result<std::vector<User>> list_users();
  Result<User> get_user(const std::string& id);
  Result<User> create_user(const nlohmann::json& body);
  Result<User> replace_user(const Caller& caller, const std::string& id, const nlohmann::json& body,
                            const std::optional<IfMatch>& if_match);
  Result<bool> remove_user(const std::string& id, const std::optional<IfMatch>& if_match);

  // API tokens: created, listed and revoked here; a bearer token is resolved by tokens().
  ApiTokens& tokens() { return m_tokens; }

  // SHA-256 (hex) of a session id: the key it is stored under.
  static std::string session_key(const std::string& session_id);

 private:
  Result<SignedIn> open_session(Caller caller);
  // `caller`, after writing the session's last use when it is old enough to matter.
  Caller touched(const std::string& key, const Session& session, std::int64_t t, Caller caller);
  std::int64_t now() const { return m_clock(); }

  IdentityStore& m_store;
  SessionLimits m_limits;
  Clock m_clock;
  SignInThrottle m_throttle;
  ApiTokens m_tokens;
};

}  // namespace datahub::backend
