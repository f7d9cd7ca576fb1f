// The ConnectorStore on PostgreSQL (--store postgresql://...), for several servers sharing one
// database. Tables (pg_migrations.cpp):
//   connectors         one row per connector: the record as record_codec.h writes it (secrets
//                      sealed by this server's key, never plaintext) beside the columns lists
//                      filter and sort by; its folded name unique (one index)
//   connector_history  entries by connector id, outliving the connector
//   connector_health   id -> health JSON; its state also in connectors.health_key
//   datahub_meta       key_check and the backend's own keys (MetaStore)
// Every change is one transaction that locks the connector's row (SELECT ... FOR UPDATE) before
// the mutation decides, so a change made through another server is what the mutation sees
// (a stale If-Match is its PreconditionFailed). Thread-safe: a bounded pool of connections.
// Every change also notifies kConnectorChannel with the connector's id, in its transaction:
// the other servers' listeners (pg_listener.h) drop what they cached. Lost connections are
// store-unavailable (503), see pg_unavailable.h.
#pragma once

#include <filesystem>
#include <memory>

#include "connector_store.h"
#include "meta_store.h"
#include "pg_listener.h"
#include "pg_pool.h"
#include "secret_box.h"

namespace datahub::backend {

struct PgStoreOptions {
  std::string conninfo;                   // postgresql://user@host:port/db?...
  std::filesystem::path data_dir;         // where secret.key is by default
  std::filesystem::path secret_key_file;  // DATAHUB_SECRET_KEY_FILE; empty: data_dir's
  std::size_t pool_size = 8;              // connections at most (callers beyond wait)
};

class PgConnectorStore final : public ConnectorStore, public MetaStore {
 public:
  // Connects, applies the migrations and checks the key. Problems (Internal, for the
  // operator): the database cannot be reached, has a newer schema, or was written with
  // another secret key.
  static Result<std::unique_ptr<PgConnectorStore>> open(const PgStoreOptions& options);

  Result<Connector> get(std::string_view id) override;
  Result<Connector> create(const Connector& c, const HistoryEntry& entry) override;
  Result<Connector> update(std::string_view id, const Mutation& mutation) override;
  Result<Connector> remove(std::string_view id, const DeleteCheck& check,
                           const HistoryEntry& entry) override;
  Result<bool> append_history(std::string_view id, const HistoryEntry& entry) override;
  Result<std::vector<HistoryEntry>> history(std::string_view id) override;
  Result<ListPage> list(const ListQuery& query) override;
  std::size_t count() override;
  Result<ConnectorHealth> health(std::string_view id) override;
  Result<bool> put_health(std::string_view id, const ConnectorHealth& health) override;
  Result<std::vector<std::string>> put_healths(const HealthBatch& batch) override;
  // One indexed single-row read; other servers change the store.
  Result<std::int64_t> version(std::string_view id) override;
  bool shared() const override { return true; }

  std::optional<std::string> get_meta(std::string_view key) override;
  Result<bool> put_meta(std::string_view key, std::string_view value) override;

  // The database's size in bytes (for /api/metrics); 0 when it cannot be read.
  std::size_t used_bytes();

  // For the identity store on the same database (pg_identity_store.h): one pool, one key.
  PgPool& pool() { return m_pool; }
  const SecretBox& secret_box() const { return *m_box; }

  // Starts listening for the changes of every server (this one's too). `handlers.missed` runs
  // after the idle connections of the pool are dropped (they predate a lost connection).
  std::unique_ptr<PgListener> listen(PgListener::Handlers handlers);
  // False while a failed connection attempt holds off the next one (GET /api/health).
  bool ready() { return m_pool.ready(); }

 private:
  PgConnectorStore(const PgStoreOptions& options, std::unique_ptr<SecretBox> box);

  Result<bool> check_key(PgConnection& conn);

  // Steps inside a transaction.
  Result<Connector> load(PgConnection& conn, std::string_view id, const char* lock);
  Result<Connector> write_row(PgConnection& conn, const Connector& next,
                              std::optional<std::int64_t> expected_version);
  Result<bool> append(PgConnection& conn, std::string_view id, const HistoryEntry& entry);
  Result<bool> notify(PgConnection& conn, std::string_view id);

  const std::string m_conninfo;

  PgPool m_pool;
  std::unique_ptr<SecretBox> m_box;
};

}  // namespace datahub::backend
