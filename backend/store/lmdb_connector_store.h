// The embedded ConnectorStore: one LMDB environment in the data directory.
//   records  id -> record JSON (response form + sealed secrets, record_codec.h)
//   names    fold_name(name) -> summary (name_index.h); its order is the list order
//   history  id '\0' big-endian sequence -> entry JSON (history_codec.h)
//   meta     schema_version, key_check, and the backend's own keys (MetaStore)
//   health   id -> health JSON (datahub/connector_health.h), its state also in the summary
// Every change is one write transaction over all of them. Thread-safe; the map grows when full.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "connector_store.h"
#include "list_scan.h"
#include "lmdb_env.h"
#include "meta_store.h"
#include "name_table.h"
#include "secret_box.h"

namespace datahub::backend {

struct LmdbStoreOptions {
  std::filesystem::path data_dir;                   // data.mdb, lock.mdb, and secret.key by default
  std::filesystem::path secret_key_file;            // DATAHUB_SECRET_KEY_FILE; empty: data_dir's
  std::size_t initial_map_size = 64u << 20;         // doubles whenever a write finds it full...
  std::size_t max_map_size = std::size_t{1} << 40;  // ...up to this; then writes get a 507
  unsigned max_readers = 126;                       // concurrent readers (request threads)
  bool sync = true;                                 // false only for bulk loads in benchmarks
  // Keep the name index in memory too (name_table.h); false: every list reads LMDB (the
  // benchmark's baseline, and the tests that compare the two).
  bool name_copy = true;
};

// 2: meta keeps the count of active connectors (status_count.h); 1 is upgraded at open.
inline constexpr int kStoreSchemaVersion = 2;

class LmdbConnectorStore final : public ConnectorStore, public MetaStore {
 public:
  // Problems (Internal, with a detail for the operator): the directory or key file cannot be
  // used, the key is not the one the data was written with, or the data has a newer schema.
  static Result<std::unique_ptr<LmdbConnectorStore>> open(const LmdbStoreOptions& options);
  // The server's defaults: `secret_key_file` is DATAHUB_SECRET_KEY_FILE, or empty.
  static Result<std::unique_ptr<LmdbConnectorStore>> open(
      const std::filesystem::path& data_dir, const std::filesystem::path& secret_key_file = {});

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

  std::optional<std::string> get_meta(std::string_view key) override;
  Result<bool> put_meta(std::string_view key, std::string_view value) override;

  // The environment, for the identity store that shares it (lmdb_identity_store.h).
  LmdbEnv& env() { return *m_env; }

  // The current map size in bytes (tests watch it grow).
  std::size_t map_size() const { return m_env->map_size(); }
  // Bytes of the store in use (for /api/metrics).
  std::size_t used_bytes() const { return m_env->used_bytes(); }

 private:
  struct Dbs {
    MDB_dbi records = 0, names = 0, history = 0, meta = 0, health = 0;
  };
  LmdbConnectorStore(std::unique_ptr<LmdbEnv> env, std::unique_ptr<SecretBox> box, Dbs dbs);

  Result<bool> check_schema();
  Result<bool> check_key();
  Result<bool> copy_names();

  // Runs a write transaction that may change the name index; its changes reach the in-memory
  // copy only once it has committed.
  Result<Connector> write_names(const std::function<Result<Connector>(Txn&)>& step);

  // Steps inside a transaction.
  Result<Connector> load(Txn& txn, std::string_view id);
  Result<Connector> store_record(Txn& txn, const Connector& c);
  HealthState health_state(Txn& txn, std::string_view id);
  Result<bool> store_health(Txn& txn, const Connector& current, const ConnectorHealth& health);
  Result<bool> claim_name(Txn& txn, const Connector& c);
  void drop_name(Txn& txn, const std::string& key);
  Result<bool> append(Txn& txn, std::string_view id, const HistoryEntry& entry);
  Result<Connector> apply_change(Txn& txn, const Connector& current, Change change);
  Result<ListPage> load_page(Txn& txn, ListScan scan);

  std::unique_ptr<LmdbEnv> m_env;
  std::unique_ptr<SecretBox> m_box;
  Dbs m_dbs;
  NameTable m_names_copy;
  std::mutex m_names_write;    // one write_names at a time: copies apply in commit order
  NameChanges m_name_changes;  // of the write transaction in progress (under m_names_write)
};

}  // namespace datahub::backend
