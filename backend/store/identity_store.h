// The identity store interface: users (with their password hashes), sign-in sessions and the
// first start's setup code. Kept apart from ConnectorStore so that each engine (LMDB now,
// PostgreSQL later) implements the two on its own terms.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_token.h"
#include "datahub/result.h"
#include "datahub/user.h"

namespace datahub::backend {

struct StoredUser {
  User user;
  std::string password_hash;  // libsodium's crypto_pwhash_str string (Argon2id)
  // OIDC sign-in: the issuer and subject ("<issuer>#<sub>") the user is linked to; empty for a
  // local user. Such a user has no password hash until an admin sets one.
  std::string oidc_subject;
};

// What a session was opened with (docs/API.md, "Sessions"): a user's password, the admin
// token, or an API token, which the session then acts as.
inline constexpr std::string_view kAdminTokenSubject = "admin-token";

// A sign-in session, stored under the SHA-256 of its id (the id itself is only in the cookie).
struct Session {
  std::string user_id;            // the user, or an API token's owner; empty for the admin token
  std::int64_t created_at = 0;    // Unix seconds
  std::int64_t last_seen_at = 0;  // Unix seconds, updated coarsely (identity/session_book.h)
  std::string csrf_token;         // sent back in X-CSRF-Token with every cookie change
  // Empty: the user's own session; kAdminTokenSubject; or the id of the API token it acts as.
  std::string token_id;
};

// The first start's one-time code, by its hash.
struct SetupCode {
  std::string hash_hex;
  std::int64_t expires_at = 0;  // Unix seconds
};

// What a change to a user does: the new record, and whether the user's sessions end (all but
// `keep_session`, a session id hash, when given).
struct UserChange {
  StoredUser next;
  bool end_sessions = false;
  std::string keep_session;
};
// Decides a change from the current record and the number of enabled admins, inside the write
// transaction; a Problem aborts it. May run more than once: no effects of its own.
using UserMutation =
    std::function<Result<UserChange>(const StoredUser& current, std::size_t enabled_admins)>;
using UserRemoveCheck =
    std::function<std::optional<Problem>(const StoredUser& current, std::size_t enabled_admins)>;

// Every method is thread-safe; every change is one transaction. Removing a user removes their
// API tokens too.
class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  virtual Result<std::size_t> user_count() = 0;
  // NotFound when there is no such user.
  virtual Result<StoredUser> user(std::string_view id) = 0;
  virtual Result<StoredUser> user_by_name(std::string_view username) = 0;  // ignoring case
  // Ordered by folded username.
  virtual Result<std::vector<User>> users() = 0;
  // NameTaken (field "username") when the folded username is in use. With `setup_code_hash`,
  // the first user: SetupDone when any user exists, Forbidden when the code is not the stored
  // one or has expired at `now`; the code is used up with the user's creation.
  virtual Result<StoredUser> create_user(const StoredUser& user,
                                         const std::optional<std::string>& setup_code_hash = {},
                                         std::int64_t now = 0) = 0;
  virtual Result<StoredUser> update_user(std::string_view id, const UserMutation& mutation) = 0;
  // Removes the user and all of its sessions.
  virtual Result<StoredUser> remove_user(std::string_view id, const UserRemoveCheck& check) = 0;

  virtual Result<bool> put_setup_code(const SetupCode& code) = 0;
  // Whether `hash` is the stored, unexpired setup code, without using it up: SetupDone when any
  // user exists, Forbidden otherwise (as create_user would answer).
  virtual Result<bool> check_setup_code(const std::string& hash, std::int64_t now) = 0;

  virtual Result<bool> put_session(const std::string& id_hash, const Session& session) = 0;
  // NotFound when there is no such session.
  virtual Result<Session> session(std::string_view id_hash) = 0;
  // Sets last_seen_at of a session that still exists (none: nothing happens).
  virtual Result<bool> touch_session(std::string_view id_hash, std::int64_t last_seen_at) = 0;
  virtual Result<bool> remove_session(std::string_view id_hash) = 0;
  // Removes sessions last seen before `idle_before` or created before `created_before`.
  virtual Result<std::size_t> remove_expired_sessions(std::int64_t idle_before,
                                                      std::int64_t created_before) = 0;

  // API tokens, found by id or by the hash of the token. NotFound when there is none.
  virtual Result<bool> create_token(const ApiToken& token) = 0;
  virtual Result<ApiToken> token(std::string_view id) = 0;
  virtual Result<ApiToken> token_by_hash(std::string_view hash_hex) = 0;
  virtual Result<std::vector<ApiToken>> tokens() = 0;  // ordered by id
  // Removes the token and the sessions opened with it.
  virtual Result<bool> remove_token(std::string_view id) = 0;
  // Sets each token's last_used_at to the later of the stored one and the given one, in one
  // transaction; tokens gone since are skipped.
  virtual Result<bool> touch_tokens(
      const std::vector<std::pair<std::string, std::int64_t>>& uses) = 0;
};

}  // namespace datahub::backend
