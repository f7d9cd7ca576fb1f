#include "server_stores.h"

#include "store/lmdb_identity_store.h"
#include "store/pg_identity_store.h"

namespace datahub::backend {

namespace {

Result<ServerStores> open_lmdb(const ServerOptions& options,
                               const std::filesystem::path& secret_key_file) {
  auto store = LmdbConnectorStore::open(options.data_dir, secret_key_file);
  if (!store) return store.problem();
  ServerStores stores;
  stores.lmdb = std::move(*store);
  // Users and sessions share the connectors' environment (and so their backup).
  auto identity = LmdbIdentityStore::open(stores.lmdb->env());
  if (!identity) return identity.problem();
  stores.own_identity = std::move(*identity);
  stores.connectors = stores.lmdb.get();
  stores.meta = stores.lmdb.get();
  stores.identity = stores.own_identity.get();
  LmdbConnectorStore* lmdb = stores.lmdb.get();
  stores.used_bytes = [lmdb] { return static_cast<double>(lmdb->used_bytes()); };
  return stores;
}

Result<ServerStores> open_postgres(const ServerOptions& options,
                                   const std::filesystem::path& secret_key_file) {
  PgStoreOptions pg;
  pg.conninfo = options.store;
  pg.data_dir = options.data_dir;
  pg.secret_key_file = secret_key_file;
  auto store = PgConnectorStore::open(pg);
  if (!store) return store.problem();
  ServerStores stores;
  stores.postgres = std::move(*store);
  // One pool for both: a request uses one connection at a time, whichever store it asks.
  stores.own_identity =
      std::make_unique<PgIdentityStore>(stores.postgres->pool(), stores.postgres->secret_box());
  stores.connectors = stores.postgres.get();
  stores.meta = stores.postgres.get();
  stores.identity = stores.own_identity.get();
  PgConnectorStore* postgres = stores.postgres.get();
  stores.used_bytes = [postgres] { return static_cast<double>(postgres->used_bytes()); };
  return stores;
}

}  // namespace

Result<ServerStores> open_server_stores(const ServerOptions& options,
                                        const std::filesystem::path& secret_key_file) {
  return options.store_is_postgres() ? open_postgres(options, secret_key_file)
                                     : open_lmdb(options, secret_key_file);
}

}  // namespace datahub::backend
