#include "server_stores.h"

namespace datahub::backend {

namespace {

Result<ServerStores> open_lmdb(const ServerOptions& options,
                               const std::filesystem::path& secret_key_file) {
  auto store = LmdbConnectorStore::open(options.data_dir, secret_key_file);
  if (!store) return store.problem();
  ServerStores stores;
  stores.lmdb = std::move(*store);
  stores.connectors = stores.lmdb.get();
  stores.meta = stores.lmdb.get();
  // Users and sessions share the connectors' environment (and so their backup).
  stores.identity_env = &stores.lmdb->env();
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
  LmdbEnvOptions env_options;
  env_options.dir = options.data_dir;
  auto env = LmdbEnv::open(env_options);
  if (!env) return env.problem();
  ServerStores stores;
  stores.postgres = std::move(*store);
  stores.own_identity_env = std::move(*env);
  stores.connectors = stores.postgres.get();
  stores.meta = stores.postgres.get();
  stores.identity_env = stores.own_identity_env.get();
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
