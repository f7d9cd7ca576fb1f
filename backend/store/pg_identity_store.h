// The IdentityStore on PostgreSQL (--store postgresql://...): users, sessions, the setup code
// and API tokens shared by every server of one database, so a session or token made through
// one server works on all. Tables (pg_migrations.cpp, migration 2):
//   users       id -> the user's JSON with its password hash (identity_codec.h), beside its
//               folded username (unique: one index) and whether it is an enabled admin
//   setup_code  one row at most: the first start's code, by its SHA-256, and its expiry
//   sessions    SHA-256 of the session id -> who it acts as, its times and its CSRF token,
//               sealed with the server's key (the id itself is never stored)
//   api_tokens  id -> the token's fields; its SHA-256 unique (one index), never the token
// The same semantics as LmdbIdentityStore. Every change to a user takes one advisory lock for
// the transaction, so the count of enabled admins a mutation decides on is the committed one:
// two servers demoting the last two admins at once are served one after the other, and the
// second is refused. Thread-safe: the connector store's pool of connections.
#pragma once

#include "decode_memo.h"
#include "identity_store.h"
#include "pg_pool.h"
#include "secret_box.h"

namespace datahub::backend {

class PgIdentityStore final : public IdentityStore {
 public:
  // On a pool whose database the connector store's migrations brought up to date
  // (PgConnectorStore::open), sealing CSRF tokens with its key. Both must outlive this store.
  PgIdentityStore(PgPool& pool, const SecretBox& box) : m_pool(pool), m_box(box) {}

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

  // Sessions and API tokens: pg_identity_tokens.cpp.
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
  // Steps inside a transaction. `lock`: "" or " FOR UPDATE".
  Result<StoredUser> load(PgConnection& conn, std::string_view id, const char* lock);
  Result<StoredUser> decode(std::string_view id, std::string_view record);
  Result<bool> write_user(PgConnection& conn, const StoredUser& user, bool insert);
  // `use_up`: delete the code when it matches.
  Result<bool> check_setup_code(PgConnection& conn, const std::string& hash, std::int64_t now,
                                bool use_up);
  // Removes the sessions of `user_id` but `keep` (a hash; empty: none).
  Result<bool> end_sessions(PgConnection& conn, const std::string& user_id,
                            const std::string& keep);
  Result<ApiToken> load_token(const char* where, std::string_view key, std::string_view shown);

  PgPool& m_pool;
  const SecretBox& m_box;
  // Read on every request by a session: parsed once per change.
  DecodeMemo<StoredUser> m_user_memo;
};

}  // namespace datahub::backend
