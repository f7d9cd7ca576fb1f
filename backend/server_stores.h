// The stores a server runs on, as --store chose them: connectors (with their history, health
// and the server's meta keys), users, sessions, the setup code and API tokens, all in LMDB
// under --data or all in PostgreSQL. On PostgreSQL, --data still holds the server's lock file
// (one server per data directory) and, unless DATAHUB_SECRET_KEY_FILE names another, the secret
// key file that every server of the database shares; no LMDB environment is opened there.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "server_options.h"
#include "store/connector_store.h"
#include "store/identity_store.h"
#include "store/lmdb_connector_store.h"
#include "store/meta_store.h"
#include "store/pg_connector_store.h"

namespace datahub::backend {

struct ServerStores {
  ConnectorStore* connectors = nullptr;
  MetaStore* meta = nullptr;
  IdentityStore* identity = nullptr;
  std::function<double()> used_bytes;  // the store's size, for /api/metrics

  // The owners of the above (one of the first two is set). The identity store is destroyed
  // first (declared last): it uses the connector store's environment or pool.
  std::unique_ptr<LmdbConnectorStore> lmdb;
  std::unique_ptr<PgConnectorStore> postgres;
  std::unique_ptr<IdentityStore> own_identity;
};

// Problems name what could not be opened and why (never a password of the URI).
Result<ServerStores> open_server_stores(const ServerOptions& options,
                                        const std::filesystem::path& secret_key_file);

}  // namespace datahub::backend
