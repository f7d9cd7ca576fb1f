#include "store_contract.h"

#include "postgres_peer.h"

namespace datahub::backend::testing {

namespace {

class LmdbBacking final : public StoreBacking {
 public:
  std::unique_ptr<ConnectorStore> open() override { return open_store(m_dir.path()); }

 private:
  TempDir m_dir;
};

}  // namespace

PostgresBacking::PostgresBacking() {
  datahub::testing::PostgresPeer* server = datahub::testing::PostgresPeer::shared();
  if (server == nullptr) {
    ADD_FAILURE() << "no PostgreSQL server for the tests (see the output above)";
    return;
  }
  options.conninfo = server->create_database();
  if (options.conninfo.empty()) ADD_FAILURE() << server->error();
  options.data_dir = m_key_dir.path();
}

std::unique_ptr<ConnectorStore> PostgresBacking::open() {
  if (options.conninfo.empty()) return nullptr;
  auto store = try_open();
  if (!store) {
    ADD_FAILURE() << "open failed: " << store.problem().detail;
    return nullptr;
  }
  return std::move(*store);
}

std::unique_ptr<StoreBacking> make_backing(const std::string& kind) {
  if (kind == "Postgres") return std::make_unique<PostgresBacking>();
  return std::make_unique<LmdbBacking>();
}

}  // namespace datahub::backend::testing
