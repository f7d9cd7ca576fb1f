#include "identity_service.h"

#include <chrono>
#include <vector>

#include <sodium.h>

#include "datahub/time_format.h"
#include "password_hash.h"
#include "random_token.h"

namespace datahub::backend {
namespace {

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string rfc3339(std::int64_t unix_seconds) {
  return format_rfc3339_utc(
      std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds)));
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

std::string sha256_hex(std::string_view text) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(hash, sizeof hash);
}

std::string new_user_id() {
  return "u_" + random_token().substr(0, 20);
}

Problem wrong_credentials() {
  return make_problem(ProblemType::Unauthorized, "Wrong username or password.");
}

Problem session_ended() {
  return make_problem(ProblemType::Unauthorized, "The session has ended: sign in again.");
}

Problem wrong_token() {
  return make_problem(ProblemType::Unauthorized, "The token is not valid.");
}

Problem too_many_attempts(std::int64_t wait) {
  Problem p = make_problem(ProblemType::TooManyAttempts, "Too many failed sign-ins: try again in " +
                                                             std::to_string(wait) + " s.");
  p.extensions["retry_after"] = wait;
  return p;
}

Problem hash_failed() {
  return make_problem(ProblemType::Internal, "The password could not be hashed.");
}

// Every Argon2id turn stayed taken (PasswordTurn): the caller may simply try again.
Problem password_work_busy() {
  Problem p = make_problem(ProblemType::Busy,
                           "The server is checking many passwords at once: try again in 1 s.");
  p.extensions["retry_after"] = 1;
  return p;
}

Problem last_admin() {
  return make_problem(ProblemType::LastAdmin,
                      "This is the last enabled admin: make another admin first.");
}

Problem precondition_failed(std::int64_t current) {
  return make_problem(ProblemType::PreconditionFailed, "The user has changed (now version " +
                                                           std::to_string(current) +
                                                           "): reload it and try again.");
}

std::optional<std::string> string_member(const nlohmann::json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return std::nullopt;
  return body[name].get<std::string>();
}

}  // namespace

std::string IdentityService::session_key(const std::string& session_id) {
  return sha256_hex(session_id);
}

IdentityService::IdentityService(IdentityStore& store, SessionLimits limits, Clock clock)
    : m_store(store),
      m_limits(limits),
      m_clock(clock ? std::move(clock) : Clock(system_now)),
      m_tokens(store, m_clock) {}

// [SECTION] First start

Result<std::optional<std::string>> IdentityService::prepare_setup() {
  auto count = m_store.user_count();
  if (!count) return count.problem();
  if (*count > 0) return std::optional<std::string>();
  std::string code = random_token();
  auto stored = m_store.put_setup_code({sha256_hex(code), now() + m_limits.setup_code_seconds});
  if (!stored) return stored.problem();
  return std::optional<std::string>(std::move(code));
}

Result<SignedIn> IdentityService::setup(const nlohmann::json& body) {
  auto input = user_input_from_json(body, UserInputKind::Setup);
  // The code is checked first: without it, nothing about the body is anyone's business.
  if (!body.is_object())
    return make_problem(ProblemType::BadRequest, "The body must be a JSON object.");
  if (body.contains("code") && !body["code"].is_string())
    return make_problem(ProblemType::BadRequest, "A member has the wrong JSON type.",
                        {{"code", "must be a string"}});
  const auto code = string_member(body, "code");
  if (!code || code->empty())
    return make_problem(ProblemType::Forbidden, "The setup code is missing.");
  if (auto valid = m_store.check_setup_code(sha256_hex(*code), now()); !valid)
    return valid.problem();
  if (!input) return input.problem();
  auto turn = PasswordTurn::wait_for();
  if (!turn) return password_work_busy();
  auto hash = hash_password(*input->password);
  if (!hash) return hash_failed();
  StoredUser user{User{new_user_id(), input->username, input->display_name, Role::Admin, false,
                       rfc3339(now()), std::nullopt, 1},
                  std::move(*hash), ""};
  auto created = m_store.create_user(user, sha256_hex(*code), now());
  if (!created) return created.problem();
  return open_session(user_caller(created->user));
}

// [SECTION] Sessions

Result<SignedIn> IdentityService::open_session(Caller caller) {
  // A sign-in is rare: the moment to sweep out the sessions that ended.
  (void)m_store.remove_expired_sessions(now() - m_limits.idle_seconds,
                                        now() - m_limits.absolute_seconds);
  SignedIn out{std::move(caller), random_token()};
  out.caller.csrf_token = random_token();
  out.caller.session_hash = session_key(out.session_id);
  const std::string subject = out.caller.kind == Caller::Kind::AdminToken
                                  ? std::string(kAdminTokenSubject)
                                  : out.caller.token_id;
  auto stored = m_store.put_session(
      out.caller.session_hash,
      Session{out.caller.user.id, now(), now(), out.caller.csrf_token, subject});
  if (!stored) return stored.problem();
  return out;
}

Result<SignedIn> IdentityService::sign_in(const std::string& username, const std::string& password,
                                          const std::string& client_address) {
  const std::string folded = fold_username(username);
  // Counted as a failure from here on (concurrent guesses are counted before any is verified);
  // forgiven on success, or when no verdict was reached.
  const std::int64_t at = now();
  if (auto wait = m_throttle.begin_attempt(folded, client_address, at))
    return too_many_attempts(*wait);
  ThrottledAttempt attempt(m_throttle, folded, client_address, at);
  auto found = m_store.user_by_name(folded);
  if (!found && found.problem().type != ProblemType::NotFound) return found.problem();
  auto turn = PasswordTurn::wait_for();
  if (!turn) return password_work_busy();
  // Every failure takes one Argon2id verification, whether the username exists or not.
  const bool verified = found ? verify_password(found->password_hash, password)
                              : (verify_against_dummy(password), false);
  if (!verified || found->user.disabled) {
    attempt.failed();
    return wrong_credentials();
  }
  m_throttle.clear_username(folded);
  const std::string stamp = rfc3339(now());
  const bool rehash = password_needs_rehash(found->password_hash);
  auto updated = m_store.update_user(
      found->user.id, [&](const StoredUser& current, std::size_t) -> Result<UserChange> {
        UserChange change{current, false, ""};
        change.next.user.last_login_at = stamp;
        if (rehash && current.password_hash == found->password_hash) {
          if (auto fresh = hash_password(password)) change.next.password_hash = *fresh;
        }
        return change;
      });
  if (!updated) return updated.problem();
  return open_session(user_caller(updated->user));
}

Result<SignedIn> IdentityService::sign_in_with_token(const std::string& token,
                                                     const std::string& client_address,
                                                     const AdminTokenCheck& is_admin_token) {
  // Tokens are random, not chosen: only the address is throttled, not the token.
  const std::int64_t at = now();
  if (auto wait = m_throttle.begin_attempt("", client_address, at)) return too_many_attempts(*wait);
  ThrottledAttempt attempt(m_throttle, "", client_address, at);
  if (!token.empty() && is_admin_token(token)) return open_session(Caller{});
  auto api = m_tokens.resolve(token);
  if (api) return open_session(std::move(*api));
  if (api.problem().type != ProblemType::Unauthorized) return api.problem();
  attempt.failed();
  return wrong_token();
}

Result<Caller> IdentityService::resolve_session(const std::string& session_id) {
  const std::string key = session_key(session_id);
  auto session = m_store.session(key);
  if (!session) {
    if (session.problem().type == ProblemType::NotFound) return session_ended();
    return session.problem();
  }
  const std::int64_t t = now();
  if (session->last_seen_at <= t - m_limits.idle_seconds ||
      session->created_at <= t - m_limits.absolute_seconds) {
    (void)m_store.remove_session(key);
    return session_ended();
  }
  if (session->token_id == kAdminTokenSubject) {
    Caller admin;
    admin.session_hash = key;
    admin.csrf_token = std::move(session->csrf_token);
    return touched(key, *session, t, std::move(admin));
  }
  if (!session->token_id.empty()) {
    // A session opened with an API token acts as the token, and ends with it.
    auto api = m_tokens.resolve_id(session->token_id);
    if (!api) {
      if (api.problem().type == ProblemType::Unauthorized) return session_ended();
      return api.problem();
    }
    api->session_hash = key;
    api->csrf_token = std::move(session->csrf_token);
    return touched(key, *session, t, std::move(*api));
  }
  auto user = m_store.user(session->user_id);
  if (!user) {
    if (user.problem().type == ProblemType::NotFound) return session_ended();
    return user.problem();
  }
  if (user->user.disabled) return session_ended();
  Caller caller = user_caller(std::move(user->user));
  caller.session_hash = key;
  caller.csrf_token = std::move(session->csrf_token);
  return touched(key, *session, t, std::move(caller));
}

Caller IdentityService::touched(const std::string& key, const Session& session, std::int64_t t,
                                Caller caller) {
  if (session.last_seen_at <= t - m_limits.touch_every_seconds) (void)m_store.touch_session(key, t);
  return caller;
}

Result<bool> IdentityService::sign_out(const Caller& caller) {
  if (!caller.by_cookie()) return true;
  return m_store.remove_session(caller.session_hash);
}

Result<bool> IdentityService::change_password(const Caller& caller, const nlohmann::json& body) {
  if (caller.kind != Caller::Kind::User)
    return make_problem(ProblemType::Forbidden, "Only a signed-in user has a password to change.");
  std::vector<FieldError> wrong_type;
  for (const char* name : {"current", "new"})
    if (body.is_object() && body.contains(name) && !body[name].is_null() && !body[name].is_string())
      wrong_type.push_back({name, "must be a string"});
  if (!body.is_object() || !wrong_type.empty())
    return make_problem(ProblemType::BadRequest, "A member has the wrong JSON type.",
                        std::move(wrong_type));
  const auto current = string_member(body, "current");
  const auto fresh = string_member(body, "new");
  std::vector<FieldError> errors;
  if (!current) errors.push_back({"current", "is required"});
  if (!fresh)
    errors.push_back({"new", "is required"});
  else if (auto e = password_error(*fresh))
    errors.push_back({"new", *e});
  if (!errors.empty())
    return make_problem(ProblemType::Validation, "The password change has broken fields.",
                        std::move(errors));
  auto stored = m_store.user(caller.user.id);
  if (!stored) return stored.problem();
  // A stolen session must not become a way to guess the password: throttled like sign-in.
  const std::string folded = fold_username(caller.user.username);
  const std::int64_t at = now();
  if (auto wait = m_throttle.begin_attempt(folded, "", at)) return too_many_attempts(*wait);
  ThrottledAttempt attempt(m_throttle, folded, "", at);
  auto turn = PasswordTurn::wait_for();
  if (!turn) return password_work_busy();
  if (!verify_password(stored->password_hash, *current)) {
    attempt.failed();
    return make_problem(ProblemType::Validation, "The current password is wrong.",
                        {{"current", "is not your current password"}});
  }
  auto hash = hash_password(*fresh);
  if (!hash) return hash_failed();
  auto updated = m_store.update_user(
      caller.user.id, [&](const StoredUser& now_stored, std::size_t) -> Result<UserChange> {
        UserChange change{now_stored, true, caller.session_hash};
        change.next.password_hash = *hash;
        change.next.user.version += 1;
        return change;
      });
  if (!updated) return updated.problem();
  return true;
}

// [SECTION] Users (admin)

Result<std::vector<User>> IdentityService::list_users() {
  return m_store.users();
}

Result<User> IdentityService::get_user(const std::string& id) {
  auto found = m_store.user(id);
  if (!found) return found.problem();
  return std::move(found->user);
}

Result<User> IdentityService::create_user(const nlohmann::json& body) {
  auto input = user_input_from_json(body, UserInputKind::Create);
  if (!input) return input.problem();
  auto turn = PasswordTurn::wait_for();
  if (!turn) return password_work_busy();
  auto hash = hash_password(*input->password);
  if (!hash) return hash_failed();
  StoredUser user{User{new_user_id(), input->username, input->display_name, input->role, false,
                       rfc3339(now()), std::nullopt, 1},
                  std::move(*hash), ""};
  auto created = m_store.create_user(user);
  if (!created) return created.problem();
  return std::move(created->user);
}

Result<User> IdentityService::replace_user(const Caller& caller, const std::string& id,
                                           const nlohmann::json& body,
                                           const std::optional<IfMatch>& if_match) {
  if (!if_match)
    return make_problem(ProblemType::PreconditionRequired,
                        "Send If-Match with the user's ETag to change it.");
  auto input = user_input_from_json(body, UserInputKind::Replace);
  if (!input) return input.problem();
  std::optional<std::string> hash;
  if (input->password) {
    auto turn = PasswordTurn::wait_for();
    if (!turn) return password_work_busy();
    hash = hash_password(*input->password);
    if (!hash) return hash_failed();
  }
  // The caller's own session survives a change it made to itself.
  const std::string keep = caller.kind == Caller::Kind::User && caller.user.id == id
                               ? caller.session_hash
                               : std::string();
  auto updated = m_store.update_user(
      id, [&](const StoredUser& current, std::size_t admins) -> Result<UserChange> {
        if (!if_match->matches(current.user.version))
          return precondition_failed(current.user.version);
        const bool was_admin = current.user.role == Role::Admin && !current.user.disabled;
        const bool stays_admin = input->role == Role::Admin && !input->disabled;
        if (was_admin && !stays_admin && admins <= 1) return last_admin();
        UserChange change{current, false, keep};
        User& next = change.next.user;
        next.display_name =
            input->display_name.empty() ? current.user.username : input->display_name;
        next.role = input->role;
        next.disabled = input->disabled;
        if (hash) change.next.password_hash = *hash;
        change.end_sessions =
            hash || next.role != current.user.role || (next.disabled && !current.user.disabled);
        next.version += 1;
        return change;
      });
  if (!updated) return updated.problem();
  return std::move(updated->user);
}

Result<bool> IdentityService::remove_user(const std::string& id,
                                          const std::optional<IfMatch>& if_match) {
  auto removed = m_store.remove_user(
      id, [&](const StoredUser& current, std::size_t admins) -> std::optional<Problem> {
        if (if_match && !if_match->matches(current.user.version))
          return precondition_failed(current.user.version);
        if (current.user.role == Role::Admin && !current.user.disabled && admins <= 1)
          return last_admin();
        return std::nullopt;
      });
  if (!removed) return removed.problem();
  return true;
}

}  // namespace datahub::backend
