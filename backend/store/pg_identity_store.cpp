// Users and the setup code on PostgreSQL; sessions and API tokens are in pg_identity_tokens.cpp.
#include "pg_identity_store.h"

#include <sodium.h>

#include "identity_codec.h"
#include "pg_text.h"

namespace datahub::backend {

namespace {

using identity_codec::corrupt;
using identity_codec::decode_user;
using identity_codec::encode_user;
using identity_codec::is_enabled_admin;
using identity_codec::setup_code_refused;
using identity_codec::setup_done;
using identity_codec::user_not_found;
using identity_codec::username_taken;

constexpr const char* kUsernameIndex = "users_username_unique";

// "datahubu" in ASCII (not the migrations' lock): held by every transaction that
// writes users, for what it reads to be what every server committed (the count of users for
// the setup code, the count of enabled admins for a demotion or a removal).
constexpr const char* kUsersLock = "SELECT pg_advisory_xact_lock(7233190438246900341)";

Result<bool> lock_users(PgConnection& conn) {
  auto locked = conn.exec(kUsersLock);
  if (!locked.ok()) return locked.problem("waiting for the users' lock");
  return true;
}

Result<std::size_t> count(PgConnection& conn, const char* sql) {
  auto n = conn.exec(sql);
  if (!n.ok()) return n.problem("counting users");
  return static_cast<std::size_t>(std::stoull(n.text(0, 0)));
}

Result<std::size_t> count_users(PgConnection& conn) {
  return count(conn, "SELECT count(*) FROM users");
}

Result<std::size_t> enabled_admins(PgConnection& conn) {
  return count(conn, "SELECT count(*) FROM users WHERE enabled_admin");
}

}  // namespace

// [SECTION] Steps inside a transaction

Result<StoredUser> PgIdentityStore::decode(std::string_view id, std::string_view record) {
  auto user = m_user_memo.get(id, record, decode_user);
  if (!user) return corrupt("user");
  return std::move(*user);
}

Result<StoredUser> PgIdentityStore::load(PgConnection& conn, std::string_view id,
                                         const char* lock) {
  if (!pg_storable(id)) return user_not_found(id);
  auto row =
      conn.exec(std::string("SELECT record FROM users WHERE id = $1") + lock, {std::string(id)});
  if (!row.ok()) return row.problem("reading a user");
  if (row.rows() == 0) return user_not_found(id);
  return decode(id, row.text(0, 0));
}

Result<bool> PgIdentityStore::write_user(PgConnection& conn, const StoredUser& user, bool insert) {
  const std::vector<std::string> params = {user.user.id, fold_username(user.user.username),
                                           is_enabled_admin(user.user) ? "true" : "false",
                                           encode_user(user)};
  auto written =
      conn.exec(insert ? "INSERT INTO users (id, folded_username, enabled_admin, record) "
                         "VALUES ($1, $2, $3, $4)"
                       : "UPDATE users SET folded_username = $2, enabled_admin = $3, record = $4 "
                         "WHERE id = $1",
                params);
  if (written.ok()) return true;
  if (written.sqlstate() == kUniqueViolation && written.constraint() == kUsernameIndex)
    return username_taken(user.user);
  if (written.sqlstate() == kUniqueViolation)
    return make_problem(ProblemType::Internal, "store: user id " + user.user.id + " is in use");
  return written.problem("writing a user");
}

Result<bool> PgIdentityStore::check_setup_code(PgConnection& conn, const std::string& hash,
                                               std::int64_t now, bool use_up) {
  auto row = conn.exec(std::string("SELECT hash, expires_at FROM setup_code") +
                       (use_up ? " FOR UPDATE" : ""));
  if (!row.ok()) return row.problem("reading the setup code");
  if (row.rows() == 0) return setup_code_refused();
  const std::string stored = row.text(0, 0);
  if (stored.size() != hash.size() || sodium_memcmp(stored.data(), hash.data(), hash.size()) != 0)
    return setup_code_refused();
  if (std::stoll(row.text(0, 1)) <= now) return setup_code_refused();
  if (use_up) {
    auto used = conn.exec("DELETE FROM setup_code");
    if (!used.ok()) return used.problem("using up the setup code");
  }
  return true;
}

Result<bool> PgIdentityStore::end_sessions(PgConnection& conn, const std::string& user_id,
                                           const std::string& keep) {
  auto ended =
      conn.exec("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2", {user_id, keep});
  if (!ended.ok()) return ended.problem("ending sessions");
  return true;
}

// [SECTION] Users

Result<std::size_t> PgIdentityStore::user_count() {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  return count_users(**lease);
}

Result<StoredUser> PgIdentityStore::user(std::string_view id) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  return load(**lease, id, "");
}

Result<StoredUser> PgIdentityStore::user_by_name(std::string_view username) {
  const std::string folded = fold_username(username);
  if (!pg_storable(folded)) return user_not_found(username);
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto row = (*lease)->exec("SELECT id, record FROM users WHERE folded_username = $1", {folded});
  if (!row.ok()) return row.problem("reading a user");
  if (row.rows() == 0) return user_not_found(username);
  return decode(row.text(0, 0), row.text(0, 1));
}

Result<std::vector<User>> PgIdentityStore::users() {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto rows = (*lease)->exec("SELECT id, record FROM users ORDER BY folded_username");
  if (!rows.ok()) return rows.problem("reading users");
  std::vector<User> out;
  for (int i = 0; i < rows.rows(); ++i) {
    auto user = decode(rows.text(i, 0), rows.text(i, 1));
    if (!user) return user.problem();
    out.push_back(std::move(user->user));
  }
  return out;
}

Result<StoredUser> PgIdentityStore::create_user(const StoredUser& user,
                                                const std::optional<std::string>& setup_code_hash,
                                                std::int64_t now) {
  return m_pool.transaction<StoredUser>([&](PgConnection& conn) -> Result<StoredUser> {
    if (auto locked = lock_users(conn); !locked) return locked.problem();
    if (setup_code_hash) {
      auto users = count_users(conn);
      if (!users) return users.problem();
      if (*users > 0) return setup_done(/*creating=*/true);
      if (auto ok = check_setup_code(conn, *setup_code_hash, now, /*use_up=*/true); !ok)
        return ok.problem();
    }
    if (auto ok = write_user(conn, user, /*insert=*/true); !ok) return ok.problem();
    return user;
  });
}

Result<StoredUser> PgIdentityStore::update_user(std::string_view id, const UserMutation& mutation) {
  return m_pool.transaction<StoredUser>([&](PgConnection& conn) -> Result<StoredUser> {
    if (auto locked = lock_users(conn); !locked) return locked.problem();
    auto current = load(conn, id, " FOR UPDATE");
    if (!current) return current.problem();
    auto admins = enabled_admins(conn);
    if (!admins) return admins.problem();
    auto change = mutation(*current, *admins);
    if (!change) return change.problem();
    change->next.user.id = current->user.id;  // the row it was read from
    if (auto ok = write_user(conn, change->next, /*insert=*/false); !ok) return ok.problem();
    if (change->end_sessions) {
      if (auto ok = end_sessions(conn, change->next.user.id, change->keep_session); !ok)
        return ok.problem();
    }
    return std::move(change->next);
  });
}

Result<StoredUser> PgIdentityStore::remove_user(std::string_view id, const UserRemoveCheck& check) {
  return m_pool.transaction<StoredUser>([&](PgConnection& conn) -> Result<StoredUser> {
    if (auto locked = lock_users(conn); !locked) return locked.problem();
    auto current = load(conn, id, " FOR UPDATE");
    if (!current) return current.problem();
    auto admins = enabled_admins(conn);
    if (!admins) return admins.problem();
    if (auto refused = check(*current, *admins)) return *refused;
    const std::vector<std::string> user_id = {current->user.id};
    // Its sessions, those opened with its tokens, its tokens, then the user.
    for (const char* sql :
         {"DELETE FROM sessions WHERE user_id = $1 OR token_id IN "
          "(SELECT id FROM api_tokens WHERE owner_id = $1)",
          "DELETE FROM api_tokens WHERE owner_id = $1", "DELETE FROM users WHERE id = $1"}) {
      if (auto removed = conn.exec(sql, user_id); !removed.ok())
        return removed.problem("removing a user");
    }
    return current;
  });
}

// [SECTION] Setup code

Result<bool> PgIdentityStore::put_setup_code(const SetupCode& code) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto put = (*lease)->exec(
      "INSERT INTO setup_code (singleton, hash, expires_at) VALUES (true, $1, $2) "
      "ON CONFLICT (singleton) DO UPDATE SET hash = EXCLUDED.hash, "
      "expires_at = EXCLUDED.expires_at",
      {code.hash_hex, std::to_string(code.expires_at)});
  if (!put.ok()) return put.problem("writing the setup code");
  return true;
}

Result<bool> PgIdentityStore::check_setup_code(const std::string& hash, std::int64_t now) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto users = count_users(**lease);
  if (!users) return users.problem();
  if (*users > 0) return setup_done(/*creating=*/false);
  return check_setup_code(**lease, hash, now, /*use_up=*/false);
}

}  // namespace datahub::backend
