// The identity store contract (identity_store.h) runs against both IdentityStores: LMDB in the
// connector store's environment in a temporary directory, and PostgreSQL on a connector store's
// pool in a fresh database of the test binary's PostgreSQL server (postgres_peer.h). A suite
// derives from IdentityContractTest and says INSTANTIATE_FOR_EVERY_IDENTITY_STORE(Suite).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "identity_store.h"
#include "store_contract.h"

namespace datahub::backend::testing {

// An identity store with the connector store it lives in (its environment or pool).
struct IdentityHandle {
  std::unique_ptr<ConnectorStore> connectors;
  std::unique_ptr<IdentityStore> identity;  // destroyed first
  explicit operator bool() const { return identity != nullptr; }
  IdentityStore* operator->() const { return identity.get(); }
};

// Opens the identity store on what `backing` opens (nullptr, with a test failure, when it
// does not open). Each handle on a PostgreSQL backing is a server of its own: its own pool.
IdentityHandle open_identity(StoreBacking& backing);

// A user as the identity service makes one (the hash stands for crypto_pwhash_str's).
StoredUser sample_user(const std::string& id, const std::string& username, Role role = Role::Viewer,
                       bool disabled = false);
ApiToken sample_token(const std::string& id, const std::string& owner_id,
                      const std::string& hash_hex);
Session sample_session(const std::string& user_id, std::int64_t at,
                       const std::string& token_id = "");

class IdentityContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    m_backing = make_backing(GetParam());
    m_store = open_identity(*m_backing);
    ASSERT_TRUE(m_store) << GetParam() << " identity store did not open";
  }
  void reopen() {
    m_store.identity.reset();  // before what it lives in
    m_store.connectors.reset();
    m_store = open_identity(*m_backing);
    ASSERT_TRUE(m_store);
  }
  IdentityStore& store() { return *m_store.identity; }

  std::unique_ptr<StoreBacking> m_backing;
  IdentityHandle m_store;
};

}  // namespace datahub::backend::testing

#define INSTANTIATE_FOR_EVERY_IDENTITY_STORE(Suite) \
  INSTANTIATE_TEST_SUITE_P(Stores, Suite, ::testing::Values("Lmdb", "Postgres"), store_kind_name)
