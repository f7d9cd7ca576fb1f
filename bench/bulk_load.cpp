// bench_bulk_load: fills a store with N connectors for the list benchmarks: an LMDB data
// directory, or a PostgreSQL database (--store postgresql://...). Every connector goes through
// ConnectorService::create (validation, ids, history, sealed secrets), exactly like POST
// /api/connectors, but straight into the store: LMDB with sync off; PostgreSQL one transaction
// per connector from --threads connections (async commit belongs in the URI, as the bench does).
//
//   bench_bulk_load --data build/bench/data-100k --count 100000
//   bench_bulk_load --data DIR --store postgresql://u@127.0.0.1:5432/db --count 100000 --threads 4
//
// The mix: names "<System> <City> <n>" (q=berlin matches 1 in 10), one in three active
// (status=active), one in four OAuth 2.0 with a client secret, every one with two headers,
// one of them secret. The server then opens the store with its own defaults (on PostgreSQL
// with DATAHUB_SECRET_KEY_FILE naming DIR/secret.key, which sealed the secrets).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sodium.h>
#include <nlohmann/json.hpp>

#include "connector_service.h"
#include "store/connector_id.h"
#include "store/lmdb_connector_store.h"
#include "store/pg_connector_store.h"

using datahub::backend::ConnectorService;
using datahub::backend::ConnectorStore;
using datahub::backend::LmdbConnectorStore;
using datahub::backend::LmdbStoreOptions;
using datahub::backend::PgConnectorStore;
using datahub::backend::PgStoreOptions;
using nlohmann::json;

namespace {

constexpr const char* kSystems[] = {"ERP", "PIM", "CRM", "WMS", "Middleware", "Shop", "DAM"};
constexpr const char* kCities[] = {"Berlin", "Paris",  "Madrid", "Rome",   "Vienna",
                                   "Oslo",   "Lisbon", "Prague", "Dublin", "Warsaw"};

json connector_body(std::size_t n) {
  const std::string system = kSystems[n % std::size(kSystems)];
  const std::string city = kCities[(n / std::size(kSystems)) % std::size(kCities)];
  json body = {{"type", "api"},
               {"name", system + " " + city + " " + std::to_string(n)},
               {"base_url", "https://" + std::to_string(n) + ".api.example.com/v2"},
               {"status", n % 3 == 0 ? "active" : "disabled"},
               {"headers",
                json::array({{{"name", "X-Tenant"}, {"value", "tenant-" + std::to_string(n % 97)}},
                             {{"name", "X-API-Key"},
                              {"value", "bench-key-" + std::to_string(n)},
                              {"secret", true}}})},
               {"timeout_ms", 15000}};
  if (n % 4 == 0) {
    body["auth"] = {{"method", "oauth2"},
                    {"grant_type", "client_credentials"},
                    {"token_url", "https://idp.example.com/oauth/token"},
                    {"client_id", "hub-" + std::to_string(n)},
                    {"client_secret", "secret-" + std::to_string(n)},
                    {"scope", "read write"}};
  } else {
    body["auth"] = {{"method", "none"}};
  }
  return body;
}

struct Options {
  std::string data_dir;
  std::string store = "lmdb";
  std::size_t count = 0;
  std::size_t threads = 1;
};

std::unique_ptr<ConnectorStore> open_store(const Options& o) {
  if (o.store == "lmdb") {
    LmdbStoreOptions options;
    options.data_dir = o.data_dir;
    options.sync = false;  // a bulk load: a crash may lose the last commits, and that is fine here
    auto store = LmdbConnectorStore::open(options);
    if (store) return std::move(*store);
    std::fprintf(stderr, "bench_bulk_load: %s\n", store.problem().detail.c_str());
    return nullptr;
  }
  PgStoreOptions options;
  options.conninfo = o.store;
  options.data_dir = o.data_dir;
  options.pool_size = o.threads;
  auto store = PgConnectorStore::open(options);
  if (store) return std::move(*store);
  std::fprintf(stderr, "bench_bulk_load: %s\n", store.problem().detail.c_str());
  return nullptr;
}

// Connectors first..count-1, shared out to `threads` workers; false after the first failure.
bool load(ConnectorService& service, std::size_t first, std::size_t count, std::size_t threads) {
  std::atomic<std::size_t> next{first};
  std::atomic<bool> failed{false};
  std::mutex report;
  auto work = [&] {
    for (std::size_t n = next++; n < count && !failed; n = next++) {
      auto created = service.create(connector_body(n));
      if (created) continue;
      std::string why = created.problem().detail;
      for (const auto& e : created.problem().errors) why += " " + e.field + ": " + e.message + ";";
      const std::lock_guard lock(report);
      if (!failed.exchange(true)) {
        std::fprintf(stderr, "bench_bulk_load: connector %zu: %s\n", n, why.c_str());
      }
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  return !failed;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") o.data_dir = argv[i + 1];
    if (flag == "--store") o.store = argv[i + 1];
    if (flag == "--count") o.count = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--threads") o.threads = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (o.data_dir.empty() || o.count == 0 || o.threads == 0) {
    std::fprintf(stderr,
                 "usage: bench_bulk_load --data DIR --count N [--store lmdb|postgresql://...] "
                 "[--threads N]\n");
    return 2;
  }
  if (sodium_init() < 0) return 1;
  auto store = open_store(o);
  if (!store) return 1;
  ConnectorService service(*store, datahub::backend::new_connector_id);
  const std::size_t first = store->count();
  const auto start = std::chrono::steady_clock::now();
  if (!load(service, first, o.count, o.threads)) return 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::size_t added = o.count > first ? o.count - first : 0;
  std::printf("bench_bulk_load: %zu connectors (%zu added in %.2f s, %.0f/s)\n", store->count(),
              added, seconds, seconds > 0 ? added / seconds : 0.0);
  return 0;
}
