#include "lmdb_identity_store.h"

#include <algorithm>

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "identity_codec.h"

namespace datahub::backend {
namespace {

using identity_codec::corrupt;
using identity_codec::decode_user;
using identity_codec::encode_user;
using identity_codec::is_enabled_admin;
using identity_codec::session_not_found;
using identity_codec::setup_code_refused;
using identity_codec::setup_done;
using identity_codec::token_not_found;
using identity_codec::user_not_found;
using identity_codec::username_taken;

constexpr std::string_view kUserPrefix = "u:";
constexpr std::string_view kNamePrefix = "n:";
constexpr std::string_view kSetupKey = "setup";

std::string user_key(std::string_view id) {
  return std::string(kUserPrefix) + std::string(id);
}
std::string name_key(std::string_view username) {
  return std::string(kNamePrefix) + fold_username(username);
}

std::optional<Session> decode_session(std::string_view bytes) {
  auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  try {
    // Sessions stored before tokens could open them have no "token_id": the user's own.
    return Session{doc.at("user_id").get<std::string>(), doc.at("created_at").get<std::int64_t>(),
                   doc.at("last_seen_at").get<std::int64_t>(),
                   doc.at("csrf_token").get<std::string>(), doc.value("token_id", "")};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string encode_session(const Session& s) {
  nlohmann::json doc{{"user_id", s.user_id},
                     {"created_at", s.created_at},
                     {"last_seen_at", s.last_seen_at},
                     {"csrf_token", s.csrf_token}};
  if (!s.token_id.empty()) doc["token_id"] = s.token_id;
  return doc.dump();
}

constexpr std::string_view kTokenPrefix = "t:";
constexpr std::string_view kTokenHashPrefix = "h:";

std::string token_key(std::string_view id) {
  return std::string(kTokenPrefix) + std::string(id);
}
std::string token_hash_key(std::string_view hash_hex) {
  return std::string(kTokenHashPrefix) + std::string(hash_hex);
}

template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

std::string encode_token(const ApiToken& t) {
  return nlohmann::json{{"id", t.id},
                        {"name", t.name},
                        {"owner_id", t.owner_id},
                        {"role", std::string(role_name(t.role))},
                        {"connector_ids", optional_json(t.connector_ids)},
                        {"expires_at", optional_json(t.expires_at)},
                        {"created_at", t.created_at},
                        {"last_used_at", optional_json(t.last_used_at)},
                        {"hash", t.hash_hex}}
      .dump();
}

std::optional<ApiToken> decode_token(std::string_view bytes) {
  auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  try {
    ApiToken t;
    t.id = doc.at("id").get<std::string>();
    t.name = doc.at("name").get<std::string>();
    t.owner_id = doc.at("owner_id").get<std::string>();
    auto role = role_from_name(doc.at("role").get<std::string>());
    if (!role) return std::nullopt;
    t.role = *role;
    if (!doc.at("connector_ids").is_null())
      t.connector_ids = doc["connector_ids"].get<std::vector<std::string>>();
    if (!doc.at("expires_at").is_null()) t.expires_at = doc["expires_at"].get<std::int64_t>();
    t.created_at = doc.at("created_at").get<std::int64_t>();
    if (!doc.at("last_used_at").is_null()) t.last_used_at = doc["last_used_at"].get<std::int64_t>();
    t.hash_hex = doc.at("hash").get<std::string>();
    return t;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

Result<std::unique_ptr<LmdbIdentityStore>> LmdbIdentityStore::open(LmdbEnv& env) {
  auto users = env.open_db("users");
  if (!users) return users.problem();
  auto sessions = env.open_db("sessions");
  if (!sessions) return sessions.problem();
  auto tokens = env.open_db("tokens");
  if (!tokens) return tokens.problem();
  return std::unique_ptr<LmdbIdentityStore>(new LmdbIdentityStore(env, *users, *sessions, *tokens));
}

// [SECTION] Steps inside a transaction

Result<StoredUser> LmdbIdentityStore::load(Txn& txn, std::string_view id) {
  std::string_view bytes;
  if (txn.get(m_users, user_key(id), bytes) != 0) return user_not_found(id);
  auto user = m_user_memo.get(id, bytes, decode_user);
  if (!user) return corrupt("user");
  return std::move(*user);
}

Result<bool> LmdbIdentityStore::store(Txn& txn, const StoredUser& user) {
  if (txn.put(m_users, user_key(user.user.id), encode_user(user)) != 0)
    return lmdb_problem(txn.failure(), "writing a user");
  return true;
}

std::size_t LmdbIdentityStore::count_users(Txn& txn) {
  std::size_t n = 0;
  Cursor cursor(txn, m_users);
  for (int rc = cursor.seek(kUserPrefix); rc == 0 && cursor.key().starts_with(kUserPrefix);
       rc = cursor.step(MDB_NEXT))
    ++n;
  return n;
}

std::size_t LmdbIdentityStore::enabled_admins(Txn& txn) {
  std::size_t n = 0;
  Cursor cursor(txn, m_users);
  for (int rc = cursor.seek(kUserPrefix); rc == 0 && cursor.key().starts_with(kUserPrefix);
       rc = cursor.step(MDB_NEXT)) {
    auto user = decode_user(cursor.value());
    if (user && is_enabled_admin(user->user)) ++n;
  }
  return n;
}

Result<bool> LmdbIdentityStore::check_setup_code(const std::string& hash, std::int64_t now) {
  return m_env.read<bool>([&](Txn& txn) -> Result<bool> {
    if (count_users(txn) > 0) return setup_done(/*creating=*/false);
    return check_setup_code(txn, hash, now, /*use_up=*/false);
  });
}

Result<bool> LmdbIdentityStore::check_setup_code(Txn& txn, const std::string& hash,
                                                 std::int64_t now, bool use_up) {
  const Problem refused = setup_code_refused();
  std::string_view bytes;
  if (txn.get(m_users, kSetupKey, bytes) != 0) return refused;
  auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("hash") || !doc["hash"].is_string() ||
      !doc.contains("expires_at") || !doc["expires_at"].is_number_integer())
    return refused;
  const std::string stored = doc["hash"].get<std::string>();
  if (stored.size() != hash.size() || sodium_memcmp(stored.data(), hash.data(), hash.size()) != 0)
    return refused;
  if (doc["expires_at"].get<std::int64_t>() <= now) return refused;
  if (use_up) txn.del(m_users, kSetupKey);
  return true;
}

void LmdbIdentityStore::end_sessions(Txn& txn, const std::string& user_id,
                                     const std::string& keep) {
  std::vector<std::string> doomed;
  Cursor cursor(txn, m_sessions);
  for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
    auto session = decode_session(cursor.value());
    if (cursor.key() != keep && (!session || session->user_id == user_id))
      doomed.emplace_back(cursor.key());
  }
  for (const auto& key : doomed) txn.del(m_sessions, key);
}

// [SECTION] Users

Result<std::size_t> LmdbIdentityStore::user_count() {
  return m_env.read<std::size_t>([&](Txn& txn) -> Result<std::size_t> { return count_users(txn); });
}

Result<StoredUser> LmdbIdentityStore::user(std::string_view id) {
  return m_env.read<StoredUser>([&](Txn& txn) { return load(txn, id); });
}

Result<StoredUser> LmdbIdentityStore::user_by_name(std::string_view username) {
  return m_env.read<StoredUser>([&](Txn& txn) -> Result<StoredUser> {
    std::string_view id;
    if (txn.get(m_users, name_key(username), id) != 0) return user_not_found(username);
    return load(txn, std::string(id));
  });
}

Result<std::vector<User>> LmdbIdentityStore::users() {
  return m_env.read<std::vector<User>>([&](Txn& txn) -> Result<std::vector<User>> {
    std::vector<User> out;
    Cursor cursor(txn, m_users);
    for (int rc = cursor.seek(kNamePrefix); rc == 0 && cursor.key().starts_with(kNamePrefix);
         rc = cursor.step(MDB_NEXT)) {
      std::string_view bytes;
      if (txn.get(m_users, user_key(cursor.value()), bytes) != 0) return corrupt("user index");
      auto user = decode_user(bytes);
      if (!user) return corrupt("user");
      out.push_back(std::move(user->user));
    }
    return out;
  });
}

Result<StoredUser> LmdbIdentityStore::create_user(const StoredUser& user,
                                                  const std::optional<std::string>& setup_code_hash,
                                                  std::int64_t now) {
  return m_env.write<StoredUser>([&](Txn& txn) -> Result<StoredUser> {
    if (setup_code_hash) {
      if (count_users(txn) > 0) return setup_done(/*creating=*/true);
      if (auto ok = check_setup_code(txn, *setup_code_hash, now, /*use_up=*/true); !ok)
        return ok.problem();
    }
    const std::string key = name_key(user.user.username);
    std::string_view taken;
    if (txn.get(m_users, key, taken) == 0) return username_taken(user.user);
    if (txn.put(m_users, key, user.user.id) != 0)
      return lmdb_problem(txn.failure(), "naming a user");
    if (auto ok = store(txn, user); !ok) return ok.problem();
    return user;
  });
}

Result<StoredUser> LmdbIdentityStore::update_user(std::string_view id,
                                                  const UserMutation& mutation) {
  return m_env.write<StoredUser>([&](Txn& txn) -> Result<StoredUser> {
    auto current = load(txn, id);
    if (!current) return current.problem();
    auto change = mutation(*current, enabled_admins(txn));
    if (!change) return change.problem();
    if (auto ok = store(txn, change->next); !ok) return ok.problem();
    if (change->end_sessions) end_sessions(txn, change->next.user.id, change->keep_session);
    return std::move(change->next);
  });
}

Result<StoredUser> LmdbIdentityStore::remove_user(std::string_view id,
                                                  const UserRemoveCheck& check) {
  return m_env.write<StoredUser>([&](Txn& txn) -> Result<StoredUser> {
    auto current = load(txn, id);
    if (!current) return current.problem();
    if (auto refused = check(*current, enabled_admins(txn))) return *refused;
    txn.del(m_users, user_key(id));
    txn.del(m_users, name_key(current->user.username));
    end_sessions(txn, current->user.id, "");
    std::vector<ApiToken> owned;
    Cursor cursor(txn, m_tokens);
    for (int rc = cursor.seek(kTokenPrefix); rc == 0 && cursor.key().starts_with(kTokenPrefix);
         rc = cursor.step(MDB_NEXT)) {
      auto token = decode_token(cursor.value());
      if (token && token->owner_id == current->user.id) owned.push_back(std::move(*token));
    }
    for (const auto& token : owned) drop_token(txn, token);
    return current;
  });
}

Result<bool> LmdbIdentityStore::put_setup_code(const SetupCode& code) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    const auto doc = nlohmann::json{{"hash", code.hash_hex}, {"expires_at", code.expires_at}};
    if (txn.put(m_users, kSetupKey, doc.dump()) != 0)
      return lmdb_problem(txn.failure(), "writing the setup code");
    return true;
  });
}

// [SECTION] Sessions

Result<bool> LmdbIdentityStore::put_session(const std::string& id_hash, const Session& session) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    if (txn.put(m_sessions, id_hash, encode_session(session)) != 0)
      return lmdb_problem(txn.failure(), "writing a session");
    return true;
  });
}

Result<Session> LmdbIdentityStore::session(std::string_view id_hash) {
  return m_env.read<Session>([&](Txn& txn) -> Result<Session> {
    std::string_view bytes;
    if (txn.get(m_sessions, id_hash, bytes) != 0) return session_not_found();
    auto session = m_session_memo.get(id_hash, bytes, decode_session);
    if (!session) return corrupt("session");
    return std::move(*session);
  });
}

Result<bool> LmdbIdentityStore::touch_session(std::string_view id_hash, std::int64_t last_seen_at) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    std::string_view bytes;
    if (txn.get(m_sessions, id_hash, bytes) != 0) return false;
    auto session = decode_session(bytes);
    if (!session) return corrupt("session");
    session->last_seen_at = std::max(session->last_seen_at, last_seen_at);
    if (txn.put(m_sessions, id_hash, encode_session(*session)) != 0)
      return lmdb_problem(txn.failure(), "writing a session");
    return true;
  });
}

Result<bool> LmdbIdentityStore::remove_session(std::string_view id_hash) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    const int rc = txn.del(m_sessions, id_hash);
    if (rc != 0 && rc != MDB_NOTFOUND) return lmdb_problem(rc, "removing a session");
    return rc == 0;
  });
}

Result<std::size_t> LmdbIdentityStore::remove_expired_sessions(std::int64_t idle_before,
                                                               std::int64_t created_before) {
  return m_env.write<std::size_t>([&](Txn& txn) -> Result<std::size_t> {
    std::vector<std::string> doomed;
    Cursor cursor(txn, m_sessions);
    for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
      auto s = decode_session(cursor.value());
      if (!s || s->last_seen_at < idle_before || s->created_at < created_before)
        doomed.emplace_back(cursor.key());
    }
    for (const auto& key : doomed) txn.del(m_sessions, key);
    return doomed.size();
  });
}

// [SECTION] API tokens

Result<ApiToken> LmdbIdentityStore::load_token(Txn& txn, std::string_view id) {
  std::string_view bytes;
  if (txn.get(m_tokens, token_key(id), bytes) != 0) return token_not_found(id);
  auto token = m_token_memo.get(id, bytes, decode_token);
  if (!token) return corrupt("API token");
  return std::move(*token);
}

void LmdbIdentityStore::end_token_sessions(Txn& txn, const std::string& token_id) {
  std::vector<std::string> doomed;
  Cursor cursor(txn, m_sessions);
  for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
    auto session = decode_session(cursor.value());
    if (session && session->token_id == token_id) doomed.emplace_back(cursor.key());
  }
  for (const auto& key : doomed) txn.del(m_sessions, key);
}

void LmdbIdentityStore::drop_token(Txn& txn, const ApiToken& token) {
  txn.del(m_tokens, token_key(token.id));
  txn.del(m_tokens, token_hash_key(token.hash_hex));
  end_token_sessions(txn, token.id);
}

Result<bool> LmdbIdentityStore::create_token(const ApiToken& token) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    if (txn.put(m_tokens, token_key(token.id), encode_token(token)) != 0 ||
        txn.put(m_tokens, token_hash_key(token.hash_hex), token.id) != 0)
      return lmdb_problem(txn.failure(), "writing an API token");
    return true;
  });
}

Result<ApiToken> LmdbIdentityStore::token(std::string_view id) {
  return m_env.read<ApiToken>([&](Txn& txn) { return load_token(txn, id); });
}

Result<ApiToken> LmdbIdentityStore::token_by_hash(std::string_view hash_hex) {
  return m_env.read<ApiToken>([&](Txn& txn) -> Result<ApiToken> {
    std::string_view id;
    if (txn.get(m_tokens, token_hash_key(hash_hex), id) != 0) return token_not_found("");
    return load_token(txn, std::string(id));
  });
}

Result<std::vector<ApiToken>> LmdbIdentityStore::tokens() {
  return m_env.read<std::vector<ApiToken>>([&](Txn& txn) -> Result<std::vector<ApiToken>> {
    std::vector<ApiToken> out;
    Cursor cursor(txn, m_tokens);
    for (int rc = cursor.seek(kTokenPrefix); rc == 0 && cursor.key().starts_with(kTokenPrefix);
         rc = cursor.step(MDB_NEXT)) {
      auto token = decode_token(cursor.value());
      if (!token) return corrupt("API token");
      out.push_back(std::move(*token));
    }
    return out;
  });
}

Result<bool> LmdbIdentityStore::remove_token(std::string_view id) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    auto token = load_token(txn, id);
    if (!token) return token.problem();
    drop_token(txn, *token);
    return true;
  });
}

Result<bool> LmdbIdentityStore::touch_tokens(
    const std::vector<std::pair<std::string, std::int64_t>>& uses) {
  return m_env.write<bool>([&](Txn& txn) -> Result<bool> {
    for (const auto& [id, at] : uses) {
      auto token = load_token(txn, id);
      if (!token) continue;
      if (token->last_used_at && *token->last_used_at >= at) continue;
      token->last_used_at = at;
      if (txn.put(m_tokens, token_key(id), encode_token(*token)) != 0)
        return lmdb_problem(txn.failure(), "writing an API token's last use");
    }
    return true;
  });
}

}  // namespace datahub::backend
