// bench_bulk_load: fills an LMDB data directory with N connectors for the list benchmarks.
// Every connector goes through ConnectorService::create (validation, ids, history, sealed
// secrets), exactly like POST /api/connectors, but straight into the store with sync off.
//
//   bench_bulk_load --data build/bench/data-100k --count 100000
//
// The mix: names "<System> <City> <n>" (q=berlin matches 1 in 10), one in three active
// (status=active), one in four OAuth 2.0 with a client secret, every one with two headers,
// one of them secret. The server then opens the directory with its own defaults.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sodium.h>
#include <nlohmann/json.hpp>

#include "connector_service.h"
#include "store/connector_id.h"
#include "store/lmdb_connector_store.h"

using datahub::backend::ConnectorService;
using datahub::backend::LmdbConnectorStore;
using datahub::backend::LmdbStoreOptions;
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

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  std::size_t count = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") data_dir = argv[i + 1];
    if (flag == "--count") count = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (data_dir.empty() || count == 0) {
    std::fprintf(stderr, "usage: bench_bulk_load --data DIR --count N\n");
    return 2;
  }
  if (sodium_init() < 0) return 1;
  LmdbStoreOptions options;
  options.data_dir = data_dir;
  options.sync = false;  // a bulk load: a crash may lose the last commits, and that is fine here
  auto store = LmdbConnectorStore::open(options);
  if (!store) {
    std::fprintf(stderr, "bench_bulk_load: %s\n", store.problem().detail.c_str());
    return 1;
  }
  ConnectorService service(**store, datahub::backend::new_connector_id);
  const std::size_t first = (*store)->count();
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t n = first; n < count; ++n) {
    auto created = service.create(connector_body(n));
    if (!created) {
      std::string why = created.problem().detail;
      for (const auto& e : created.problem().errors) why += " " + e.field + ": " + e.message + ";";
      std::fprintf(stderr, "bench_bulk_load: connector %zu: %s\n", n, why.c_str());
      return 1;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::size_t added = count > first ? count - first : 0;
  std::printf("bench_bulk_load: %zu connectors (%zu added in %.2f s, %.0f/s)\n", (*store)->count(),
              added, seconds, seconds > 0 ? added / seconds : 0.0);
  return 0;
}
