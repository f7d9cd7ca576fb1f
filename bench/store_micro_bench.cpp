// bench_store_micro: Google Benchmark timings of the store calls behind the REST routes, on a
// data directory made by bench_bulk_load (opened read-mostly with the server's defaults).
//
//   BENCH_DATA=build/bench/data-100000 build/helper-bench/bench/bench_store_micro
//
// Splits a GET /api/connectors/{id} and a list page into the store read (LMDB + record decode +
// unsealing secrets) and the response JSON (to_response_json + dump).
#include <cstdlib>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <sodium.h>

#include "datahub/connector_json.h"
#include "store/lmdb_connector_store.h"

namespace {

using datahub::ListQuery;
using datahub::backend::LmdbConnectorStore;

struct Fixture {
  std::unique_ptr<LmdbConnectorStore> store;
  std::string id;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture out;
    const char* dir = std::getenv("BENCH_DATA");
    if (dir == nullptr || sodium_init() < 0) return out;
    auto opened = LmdbConnectorStore::open(dir);
    if (!opened) return out;
    out.store = std::move(*opened);
    ListQuery first;
    first.limit = 1;
    auto page = out.store->list(first);
    if (page && !page->items.empty()) out.id = page->items[0].id;
    return out;
  }();
  return f;
}

bool ready(benchmark::State& state) {
  if (fixture().store && !fixture().id.empty()) return true;
  state.SkipWithError("set BENCH_DATA to a directory made by bench_bulk_load");
  return false;
}

void BM_StoreGet(benchmark::State& state) {
  if (!ready(state)) return;
  for (auto _ : state) benchmark::DoNotOptimize(fixture().store->get(fixture().id));
}
BENCHMARK(BM_StoreGet);

void BM_ResponseJson(benchmark::State& state) {
  if (!ready(state)) return;
  auto c = fixture().store->get(fixture().id);
  for (auto _ : state) benchmark::DoNotOptimize(datahub::to_response_json(*c).dump());
}
BENCHMARK(BM_ResponseJson);

void list(benchmark::State& state, const ListQuery& query) {
  if (!ready(state)) return;
  for (auto _ : state) benchmark::DoNotOptimize(fixture().store->list(query));
}

void BM_ListFirstPage(benchmark::State& state) {
  list(state, ListQuery{});
}
BENCHMARK(BM_ListFirstPage)->Unit(benchmark::kMicrosecond);

void BM_ListQ(benchmark::State& state) {
  ListQuery query;
  query.q = "berlin";
  list(state, query);
}
BENCHMARK(BM_ListQ)->Unit(benchmark::kMicrosecond);

void BM_ListStatus(benchmark::State& state) {
  ListQuery query;
  query.status = datahub::ConnectorStatus::Active;
  list(state, query);
}
BENCHMARK(BM_ListStatus)->Unit(benchmark::kMicrosecond);

// The filtered scan alone: a filter that matches nothing loads no record.
void BM_ListScanOnly(benchmark::State& state) {
  ListQuery query;
  query.q = "no-such-connector-anywhere";
  list(state, query);
}
BENCHMARK(BM_ListScanOnly)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
