// Helpers shared by the store tests: a private temporary directory, sample connectors with
// secrets, opening a store on a directory, and threads released at once.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "connector_id.h"
#include "lmdb_connector_store.h"
#include "lmdb_env.h"

namespace datahub::backend::testing {

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "store-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

inline constexpr const char* kSentinelSecret = "SENTINEL-s3cr3t-7f1d9a";
inline constexpr const char* kSentinelHeader = "SENTINEL-hdr-e42b0c";

// A connector with an OAuth2 client secret and password, one secret and one plain header.
inline Connector sample_connector(const std::string& name,
                                  const std::string& base_url = "https://erp.example.com/api") {
  Connector c;
  c.id = new_connector_id();
  c.name = name;
  c.base_url = base_url;
  c.status = ConnectorStatus::Disabled;
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.grant_type = GrantType::Password;
  c.auth.oauth2.token_url = "https://idp.example.com/oauth/token";
  c.auth.oauth2.client_id = "hub";
  c.auth.oauth2.client_secret = WriteOnly{kSentinelSecret, true};
  c.auth.oauth2.username = "svc-hub";
  c.auth.oauth2.password = WriteOnly{"pw-" + name, true};
  c.auth.oauth2.scope = "read write";
  c.auth.oauth2.extra_params = {{"tenant", "acme"}};
  c.headers = {Header{"X-API-Key", WriteOnly{kSentinelHeader, true}, true},
               Header{"Accept", WriteOnly{"application/json", true}, false}};
  c.created_at = "2026-01-02T03:04:05Z";
  c.updated_at = c.created_at;
  c.version = 1;
  return c;
}

inline HistoryEntry entry(const std::string& action, std::int64_t version) {
  HistoryEntry e;
  e.at = "2026-01-02T03:04:05Z";
  e.action = action;
  e.version = version;
  return e;
}

// Without fsync per commit: these tests close the store cleanly, so nothing is lost, and they
// run 10x faster. The crash test's writer keeps the server's default (sync on).
inline std::unique_ptr<LmdbConnectorStore> open_store(const std::filesystem::path& dir,
                                                      std::size_t map_size = 1u << 20) {
  LmdbStoreOptions options;
  options.data_dir = dir;
  options.initial_map_size = map_size;
  options.sync = false;
  auto store = LmdbConnectorStore::open(options);
  if (!store) {
    ADD_FAILURE() << "open failed: " << store.problem().detail;
    return nullptr;
  }
  return std::move(*store);
}

// Writes into the meta database of a closed store through LMDB itself, as another server
// version would (the store refuses its own keys through put_meta).
inline void edit_raw_meta(const std::filesystem::path& dir,
                          const std::function<void(Txn&, MDB_dbi meta)>& edit) {
  LmdbEnvOptions options;
  options.dir = dir;
  auto env = LmdbEnv::open(options);
  ASSERT_TRUE(env.ok());
  auto meta = (*env)->open_db("meta");
  ASSERT_TRUE(meta.ok());
  ASSERT_TRUE((*env)
                  ->write<bool>([&](Txn& txn) -> Result<bool> {
                    edit(txn, *meta);
                    return true;
                  })
                  .ok());
}

// Runs `body(i)` for i in [0, n) on n threads released at once.
inline void at_once(int n, const std::function<void(int)>& body) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      body(i);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace datahub::backend::testing
