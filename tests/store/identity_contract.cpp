#include "identity_contract.h"

#include "lmdb_identity_store.h"
#include "pg_identity_store.h"

namespace datahub::backend::testing {

IdentityHandle open_identity(StoreBacking& backing) {
  IdentityHandle handle;
  handle.connectors = backing.open();
  if (!handle.connectors) return handle;
  if (auto* pg = dynamic_cast<PgConnectorStore*>(handle.connectors.get())) {
    handle.identity = std::make_unique<PgIdentityStore>(pg->pool(), pg->secret_box());
    return handle;
  }
  auto& lmdb = dynamic_cast<LmdbConnectorStore&>(*handle.connectors);
  auto identity = LmdbIdentityStore::open(lmdb.env());
  if (!identity) {
    ADD_FAILURE() << identity.problem().detail;
    return handle;
  }
  handle.identity = std::move(*identity);
  return handle;
}

StoredUser sample_user(const std::string& id, const std::string& username, Role role,
                       bool disabled) {
  return StoredUser{User{id, username, "Display " + username, role, disabled,
                         "2026-01-02T03:04:05Z", std::nullopt, 1},
                    "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaC1vZi0" + username, ""};
}

ApiToken sample_token(const std::string& id, const std::string& owner_id,
                      const std::string& hash_hex) {
  ApiToken t;
  t.id = id;
  t.name = "token " + id;
  t.owner_id = owner_id;
  t.role = Role::Editor;
  t.created_at = 1000;
  t.hash_hex = hash_hex;
  return t;
}

Session sample_session(const std::string& user_id, std::int64_t at, const std::string& token_id) {
  return Session{user_id, at, at, "csrf-" + user_id + "-" + std::to_string(at), token_id};
}

}  // namespace datahub::backend::testing
