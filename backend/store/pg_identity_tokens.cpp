// Sessions and API tokens on PostgreSQL (pg_identity_store.h).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "identity_codec.h"
#include "pg_identity_store.h"
#include "pg_text.h"

namespace datahub::backend {

namespace {

using identity_codec::corrupt;
using identity_codec::session_not_found;
using identity_codec::token_not_found;

// Binds a sealed CSRF token to its session's row: copied to another row, it does not open.
std::string csrf_associated(std::string_view id_hash) {
  return SecretBox::associated_data("session:" + std::string(id_hash), "csrf_token");
}

constexpr const char* kTokenColumns =
    "SELECT id, name, owner_id, role, connector_ids, expires_at, created_at, last_used_at, hash "
    "FROM api_tokens ";

// One row of kTokenColumns.
std::optional<ApiToken> decode_token(const PgReply& rows, int i) {
  ApiToken t;
  t.id = rows.text(i, 0);
  t.name = rows.text(i, 1);
  t.owner_id = rows.text(i, 2);
  auto role = role_from_name(rows.text(i, 3));
  if (!role) return std::nullopt;
  t.role = *role;
  if (!rows.is_null(i, 4)) {
    auto ids = nlohmann::json::parse(rows.text(i, 4), nullptr, /*allow_exceptions=*/false);
    if (!ids.is_array()) return std::nullopt;
    t.connector_ids.emplace();
    for (const auto& id : ids) {
      if (!id.is_string()) return std::nullopt;
      t.connector_ids->push_back(id.get<std::string>());
    }
  }
  if (!rows.is_null(i, 5)) t.expires_at = std::stoll(rows.text(i, 5));
  t.created_at = std::stoll(rows.text(i, 6));
  if (!rows.is_null(i, 7)) t.last_used_at = std::stoll(rows.text(i, 7));
  t.hash_hex = rows.text(i, 8);
  return t;
}

}  // namespace

// [SECTION] Sessions

Result<bool> PgIdentityStore::put_session(const std::string& id_hash, const Session& session) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto put = (*lease)->exec(
      "INSERT INTO sessions (id_hash, user_id, token_id, created_at, last_seen_at, csrf_sealed) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id_hash) DO UPDATE SET "
      "user_id = EXCLUDED.user_id, token_id = EXCLUDED.token_id, "
      "created_at = EXCLUDED.created_at, last_seen_at = EXCLUDED.last_seen_at, "
      "csrf_sealed = EXCLUDED.csrf_sealed",
      {id_hash, session.user_id, session.token_id, std::to_string(session.created_at),
       std::to_string(session.last_seen_at),
       m_box.seal(session.csrf_token, csrf_associated(id_hash))});
  if (!put.ok()) return put.problem("writing a session");
  return true;
}

Result<Session> PgIdentityStore::session(std::string_view id_hash) {
  if (!pg_storable(id_hash)) return session_not_found();
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto row = (*lease)->exec(
      "SELECT user_id, created_at, last_seen_at, csrf_sealed, token_id FROM sessions "
      "WHERE id_hash = $1",
      {std::string(id_hash)});
  if (!row.ok()) return row.problem("reading a session");
  if (row.rows() == 0) return session_not_found();
  auto csrf = m_box.unseal(row.text(0, 3), csrf_associated(id_hash));
  if (!csrf) return corrupt("session");
  return Session{row.text(0, 0), std::stoll(row.text(0, 1)), std::stoll(row.text(0, 2)),
                 std::move(*csrf), row.text(0, 4)};
}

Result<bool> PgIdentityStore::touch_session(std::string_view id_hash, std::int64_t last_seen_at) {
  if (!pg_storable(id_hash)) return false;
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto touched = (*lease)->exec(
      "UPDATE sessions SET last_seen_at = greatest(last_seen_at, $2) WHERE id_hash = $1",
      {std::string(id_hash), std::to_string(last_seen_at)});
  if (!touched.ok()) return touched.problem("writing a session");
  return touched.affected() > 0;
}

Result<bool> PgIdentityStore::remove_session(std::string_view id_hash) {
  if (!pg_storable(id_hash)) return false;
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto removed = (*lease)->exec("DELETE FROM sessions WHERE id_hash = $1", {std::string(id_hash)});
  if (!removed.ok()) return removed.problem("removing a session");
  return removed.affected() > 0;
}

Result<std::size_t> PgIdentityStore::remove_expired_sessions(std::int64_t idle_before,
                                                             std::int64_t created_before) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto removed = (*lease)->exec("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2",
                                {std::to_string(idle_before), std::to_string(created_before)});
  if (!removed.ok()) return removed.problem("removing expired sessions");
  return static_cast<std::size_t>(removed.affected());
}

// [SECTION] API tokens

Result<ApiToken> PgIdentityStore::load_token(const char* where, std::string_view key,
                                             std::string_view shown) {
  if (!pg_storable(key)) return token_not_found(shown);
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto row = (*lease)->exec(std::string(kTokenColumns) + where, {std::string(key)});
  if (!row.ok()) return row.problem("reading an API token");
  if (row.rows() == 0) return token_not_found(shown);
  auto token = decode_token(row, 0);
  if (!token) return corrupt("API token");
  return std::move(*token);
}

Result<bool> PgIdentityStore::create_token(const ApiToken& token) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  // Parameters cannot be NULL here: an absent value goes as "" (no JSON array and no number
  // is written as ""), and NULLIF makes it NULL.
  const auto optional_param = [](const auto& value, const auto& text) {
    return value ? text(*value) : std::string();
  };
  const auto number = [](std::int64_t n) { return std::to_string(n); };
  const auto ids = [](const std::vector<std::string>& v) { return nlohmann::json(v).dump(); };
  auto added = (*lease)->exec(
      "INSERT INTO api_tokens (id, hash, name, owner_id, role, connector_ids, expires_at, "
      "created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), "
      "NULLIF($7, '')::bigint, $8, NULLIF($9, '')::bigint)",
      {token.id, token.hash_hex, token.name, token.owner_id, std::string(role_name(token.role)),
       optional_param(token.connector_ids, ids), optional_param(token.expires_at, number),
       number(token.created_at), optional_param(token.last_used_at, number)});
  if (!added.ok()) return added.problem("writing an API token");
  return true;
}

Result<ApiToken> PgIdentityStore::token(std::string_view id) {
  return load_token("WHERE id = $1", id, id);
}

Result<ApiToken> PgIdentityStore::token_by_hash(std::string_view hash_hex) {
  return load_token("WHERE hash = $1", hash_hex, "");
}

Result<std::vector<ApiToken>> PgIdentityStore::tokens() {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto rows = (*lease)->exec(std::string(kTokenColumns) + "ORDER BY id");
  if (!rows.ok()) return rows.problem("reading API tokens");
  std::vector<ApiToken> out;
  for (int i = 0; i < rows.rows(); ++i) {
    auto token = decode_token(rows, i);
    if (!token) return corrupt("API token");
    out.push_back(std::move(*token));
  }
  return out;
}

Result<bool> PgIdentityStore::remove_token(std::string_view id) {
  if (!pg_storable(id)) return token_not_found(id);
  return m_pool.transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    const std::vector<std::string> token_id = {std::string(id)};
    auto removed = conn.exec("DELETE FROM api_tokens WHERE id = $1", token_id);
    if (!removed.ok()) return removed.problem("removing an API token");
    if (removed.affected() == 0) return token_not_found(id);
    auto ended = conn.exec("DELETE FROM sessions WHERE token_id = $1", token_id);
    if (!ended.ok()) return ended.problem("ending an API token's sessions");
    return true;
  });
}

Result<bool> PgIdentityStore::touch_tokens(
    const std::vector<std::pair<std::string, std::int64_t>>& uses) {
  // Rows locked in id order: two servers writing their uses never wait in a circle.
  auto sorted = uses;
  std::sort(sorted.begin(), sorted.end());
  return m_pool.transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    for (const auto& [id, at] : sorted) {
      if (!pg_storable(id)) continue;
      auto touched = conn.exec(
          "UPDATE api_tokens SET last_used_at = greatest(coalesce(last_used_at, $2), $2) "
          "WHERE id = $1",
          {id, std::to_string(at)});
      if (!touched.ok()) return touched.problem("writing an API token's last use");
    }
    return true;
  });
}

}  // namespace datahub::backend
