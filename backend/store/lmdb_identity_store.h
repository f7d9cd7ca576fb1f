// The embedded IdentityStore, in the connector store's LMDB environment (one data directory,
// one backup):
//   users     "u:" id -> user JSON with its password hash; "n:" folded username -> id;
//             "setup" -> the setup code's hash and expiry
//   sessions  SHA-256 of the session id (hex) -> session JSON
//   tokens    "t:" id -> API token JSON (with its hash); "h:" SHA-256 of the token -> id
#pragma once

#include "decode_memo.h"
#include "identity_store.h"
#include "lmdb_env.h"

namespace datahub::backend {

class LmdbIdentityStore final : public IdentityStore {
 public:
  // Opens (creating) its databases in `env`; call before other threads use `env`.
  static Result<std::unique_ptr<LmdbIdentityStore>> open(LmdbEnv& env);

  Result<std::size_t> user_count() override;
  Result<StoredUser> user(std::string_view id) override;
  Result<StoredUser> user_by_name(std::string_view username) override;
  Result<std::vector<User>> users() override;
  Result<StoredUser> create_user(const StoredUser& user,
                                 const std::optional<std::string>& setup_code_hash,
                                 std::int64_t now) override;
  Result<StoredUser> update_user(std::string_view id, const UserMutation& mutation) override;
  Result<StoredUser> remove_user(std::string_view id, const UserRemoveCheck& check) override;
  Result<bool> put_setup_code(const SetupCode& code) override;
  Result<bool> check_setup_code(const std::string& hash, std::int64_t now) override;
  Result<bool> put_session(const std::string& id_hash, const Session& session) override;
  Result<Session> session(std::string_view id_hash) override;
  Result<bool> touch_session(std::string_view id_hash, std::int64_t last_seen_at) override;
  Result<bool> remove_session(std::string_view id_hash) override;
  Result<std::size_t> remove_expired_sessions(std::int64_t idle_before,
                                              std::int64_t created_before) override;
  Result<bool> create_token(const ApiToken& token) override;
  Result<ApiToken> token(std::string_view id) override;
  Result<ApiToken> token_by_hash(std::string_view hash_hex) override;
  Result<std::vector<ApiToken>> tokens() override;
  Result<bool> remove_token(std::string_view id) override;
  Result<bool> touch_tokens(const std::vector<std::pair<std::string, std::int64_t>>& uses) override;

 private:
  LmdbIdentityStore(LmdbEnv& env, MDB_dbi users, MDB_dbi sessions, MDB_dbi tokens)
      : m_env(env), m_users(users), m_sessions(sessions), m_tokens(tokens) {}

  Result<StoredUser> load(Txn& txn, std::string_view id);
  Result<bool> store(Txn& txn, const StoredUser& user);
  std::size_t enabled_admins(Txn& txn);
  std::size_t count_users(Txn& txn);
  // `use_up`: delete the code (a write transaction) when it matches.
  Result<bool> check_setup_code(Txn& txn, const std::string& hash, std::int64_t now, bool use_up);
  // Removes the sessions of `user_id` but `keep` (a hash; empty: none).
  void end_sessions(Txn& txn, const std::string& user_id, const std::string& keep);
  Result<ApiToken> load_token(Txn& txn, std::string_view id);
  void drop_token(Txn& txn, const ApiToken& token);
  // Removes the sessions opened with the token `token_id`.
  void end_token_sessions(Txn& txn, const std::string& token_id);

  LmdbEnv& m_env;
  MDB_dbi m_users;
  MDB_dbi m_sessions;
  MDB_dbi m_tokens;
  // Read on every request by a session or a token: parsed once per change.
  DecodeMemo<StoredUser> m_user_memo;
  DecodeMemo<Session> m_session_memo;
  DecodeMemo<ApiToken> m_token_memo;
};

}  // namespace datahub::backend
