// The PostgreSQL store's schema, as numbered migrations applied at start. Every server runs
// them under one transaction-scoped advisory lock, so two servers starting at once on an empty
// database apply each migration once; a database already at the latest version is left as it
// is; one with a newer version than this server knows is refused.
#pragma once

#include <functional>

#include "pg_connection.h"

namespace datahub::backend {

// The version this server writes (the last migration's number).
int latest_pg_schema_version();

// Brings the schema up to date in one transaction, then runs `then` in that transaction, still
// under the lock (the key check: the first server to start writes it, the others read it).
Result<bool> migrate_pg_schema(PgConnection& conn,
                               const std::function<Result<bool>(PgConnection&)>& then);

}  // namespace datahub::backend
