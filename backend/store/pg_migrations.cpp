#include "pg_migrations.h"

#include <string>
#include <vector>

namespace datahub::backend {

namespace {

// "datahub" in ASCII: the advisory lock every server takes while migrating.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(28263386843132258)";

struct Migration {
  int version;
  const char* sql;
};

// Text columns sort as bytes (COLLATE "C"), as LMDB's keys do, so the list orders and cursors
// are the same on both stores. A connector's row keeps what lists filter and sort by beside
// the record itself (record_codec.h: secrets sealed by the server, never plaintext).
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE datahub_meta (
  key text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE connectors (
  id text COLLATE "C" PRIMARY KEY,
  folded_name text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL CHECK (status IN ('active', 'disabled')),
  base_url_lower text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  health_key text COLLATE "C" NOT NULL DEFAULT '1',
  version bigint NOT NULL,
  record text NOT NULL
);
-- Names are unique ignoring case: two servers creating one name at once get one row.
CREATE UNIQUE INDEX connectors_name_unique ON connectors (folded_name);
-- Every other list order, each way, ties by name ascending (list_sort.h); "-name" walks the
-- unique index backwards.
CREATE INDEX connectors_by_base_url ON connectors (base_url_lower, folded_name);
CREATE INDEX connectors_by_base_url_desc ON connectors (base_url_lower DESC, folded_name);
CREATE INDEX connectors_by_status ON connectors (status, folded_name);
CREATE INDEX connectors_by_status_desc ON connectors (status DESC, folded_name);
CREATE INDEX connectors_by_updated_at ON connectors (updated_at, folded_name);
CREATE INDEX connectors_by_updated_at_desc ON connectors (updated_at DESC, folded_name);
CREATE INDEX connectors_by_health ON connectors (health_key, folded_name);
CREATE INDEX connectors_by_health_desc ON connectors (health_key DESC, folded_name);
CREATE TABLE connector_health (
  id text COLLATE "C" PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
  health text NOT NULL
);
-- History outlives its connector: no foreign key.
CREATE TABLE connector_history (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  connector_id text COLLATE "C" NOT NULL,
  entry text NOT NULL
);
CREATE INDEX connector_history_by_connector ON connector_history (connector_id, seq);
)sql"},
      // Users, sessions, the setup code and API tokens (pg_identity_store.h), shared by every
      // server. Nothing in clear that signs in: a user's Argon2id hash, a session under the
      // SHA-256 of its id (its CSRF token sealed by the server), a token's SHA-256.
      {2, R"sql(
CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  folded_username text COLLATE "C" NOT NULL,
  enabled_admin boolean NOT NULL,
  record text NOT NULL
);
-- Usernames are unique ignoring case: two servers creating one name at once get one row.
CREATE UNIQUE INDEX users_username_unique ON users (folded_username);
-- The first start's one-time code: one row at most.
CREATE TABLE setup_code (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  hash text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE TABLE sessions (
  id_hash text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL,
  token_id text COLLATE "C" NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  csrf_sealed text NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_token ON sessions (token_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX sessions_by_created ON sessions (created_at);
CREATE TABLE api_tokens (
  id text COLLATE "C" PRIMARY KEY,
  hash text COLLATE "C" NOT NULL,
  name text NOT NULL,
  owner_id text COLLATE "C" NOT NULL,
  role text NOT NULL,
  connector_ids text,
  expires_at bigint,
  created_at bigint NOT NULL,
  last_used_at bigint
);
CREATE UNIQUE INDEX api_tokens_hash_unique ON api_tokens (hash);
CREATE INDEX api_tokens_by_owner ON api_tokens (owner_id);
)sql"},
  };
  return kMigrations;
}

Result<int> current_version(PgConnection& conn) {
  auto created = conn.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
  if (!created.ok()) return created.problem("creating schema_migrations");
  auto max = conn.exec("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!max.ok()) return max.problem("reading schema_migrations");
  return std::stoi(max.text(0, 0));
}

}  // namespace

int latest_pg_schema_version() {
  return migrations().back().version;
}

Result<bool> migrate_pg_schema(PgConnection& conn,
                               const std::function<Result<bool>(PgConnection&)>& then) {
  return conn.transaction<bool>([&](PgConnection& c) -> Result<bool> {
    if (auto locked = c.exec(kMigrationLock); !locked.ok()) {
      return locked.problem("waiting for the migration lock");
    }
    auto current = current_version(c);
    if (!current) return current.problem();
    if (*current > latest_pg_schema_version()) {
      return make_problem(ProblemType::Internal,
                          "store: the PostgreSQL database has schema version " +
                              std::to_string(*current) + "; this server knows up to " +
                              std::to_string(latest_pg_schema_version()) + " (use a newer server)");
    }
    for (const Migration& m : migrations()) {
      if (m.version <= *current) continue;
      const std::string what = "applying migration " + std::to_string(m.version);
      if (auto applied = c.exec(m.sql); !applied.ok()) return applied.problem(what);
      auto noted = c.exec("INSERT INTO schema_migrations (version) VALUES ($1)",
                          {std::to_string(m.version)});
      if (!noted.ok()) return noted.problem(what);
    }
    return then(c);
  });
}

}  // namespace datahub::backend
