// The stores a server runs on, as --store chose them: connectors (with their history, health
// and the server's meta keys) in LMDB under --data or in PostgreSQL; users and sessions in
// --data's LMDB environment either way for now (each server its own, when several share a
// PostgreSQL store).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "server_options.h"
#include "store/connector_store.h"
#include "store/lmdb_connector_store.h"
#include "store/meta_store.h"
#include "store/pg_connector_store.h"

namespace datahub::backend {

struct ServerStores {
  ConnectorStore* connectors = nullptr;
  MetaStore* meta = nullptr;
  LmdbEnv* identity_env = nullptr;
  std::function<double()> used_bytes;  // the store's size, for /api/metrics

  // The owners of the above (one of the first two is set).
  std::unique_ptr<LmdbConnectorStore> lmdb;
  std::unique_ptr<PgConnectorStore> postgres;
  std::unique_ptr<LmdbEnv> own_identity_env;
};

// Problems name what could not be opened and why (never a password of the URI).
Result<ServerStores> open_server_stores(const ServerOptions& options,
                                        const std::filesystem::path& secret_key_file);

}  // namespace datahub::backend
