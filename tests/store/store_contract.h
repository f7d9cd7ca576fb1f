// The store contract tests run against every ConnectorStore: the embedded LMDB store in a
// temporary directory, and the PostgreSQL store in a fresh database of the one PostgreSQL
// server this test binary starts (postgres_peer.h). A suite derives from StoreContractTest and
// says INSTANTIATE_FOR_EVERY_STORE(Suite).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "connector_store.h"
#include "meta_store.h"
#include "pg_connector_store.h"
#include "store_test_util.h"

namespace datahub::backend::testing {

// Where one test's store lives; open() may be called again (a reopen, a second server).
class StoreBacking {
 public:
  virtual ~StoreBacking() = default;
  // nullptr (with a test failure) when the store does not open.
  virtual std::unique_ptr<ConnectorStore> open() = 0;
};

// "Lmdb" or "Postgres".
std::unique_ptr<StoreBacking> make_backing(const std::string& kind);

// A fresh PostgreSQL database; its secret key in a directory of its own.
class PostgresBacking final : public StoreBacking {
 public:
  PostgresBacking();
  std::unique_ptr<ConnectorStore> open() override;
  // The options open() uses: change them to open it differently (another key file...).
  PgStoreOptions options;
  Result<std::unique_ptr<PgConnectorStore>> try_open() { return PgConnectorStore::open(options); }

 private:
  TempDir m_key_dir;
};

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    m_backing = make_backing(GetParam());
    m_store = m_backing->open();
    ASSERT_TRUE(m_store) << GetParam() << " store did not open";
  }
  void reopen() {
    m_store.reset();
    m_store = m_backing->open();
    ASSERT_TRUE(m_store);
  }
  MetaStore& meta() { return dynamic_cast<MetaStore&>(*m_store); }

  std::unique_ptr<StoreBacking> m_backing;
  std::unique_ptr<ConnectorStore> m_store;
};

// The test names' suffix: "/Lmdb", "/Postgres".
inline std::string store_kind_name(const ::testing::TestParamInfo<std::string>& kind) {
  return kind.param;
}

}  // namespace datahub::backend::testing

#define INSTANTIATE_FOR_EVERY_STORE(Suite) \
  INSTANTIATE_TEST_SUITE_P(Stores, Suite, ::testing::Values("Lmdb", "Postgres"), store_kind_name)
