// Measures list() latency with many connectors (the contract's page of 50), side by side: the
// name index read from LMDB (the baseline) and from its in-memory copy (name_table.h).
//   usage: store_list_bench [count=100000] [dir=fresh temp dir, removed afterwards]
// An existing dir with connectors is reused as is, so repeated runs skip the load.
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "connector_id.h"
#include "lmdb_connector_store.h"

using namespace datahub;
using namespace datahub::backend;
using Clock = std::chrono::steady_clock;

namespace {

Connector make(std::size_t i) {
  Connector c;
  c.id = new_connector_id();
  c.name = "Connector " + std::to_string(i * 7919 % 1000003);
  c.base_url = "https://host" + std::to_string(i % 977) + ".example.com/api/v2";
  c.status = i % 4 ? ConnectorStatus::Active : ConnectorStatus::Disabled;
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.token_url = "https://idp.example.com/oauth/token";
  c.auth.oauth2.client_id = "hub";
  c.auth.oauth2.client_secret = WriteOnly{"s3cret", true};
  c.headers = {Header{"X-API-Key", WriteOnly{"k", true}, true}};
  c.created_at = c.updated_at = "2026-01-01T00:00:00Z";
  c.version = 1;
  return c;
}

void load(LmdbConnectorStore& store, std::size_t count) {
  HistoryEntry e{"2026-01-01T00:00:00Z", "created", 1, nlohmann::json::array()};
  auto start = Clock::now();
  for (std::size_t i = store.count(); i < count; ++i) {
    if (!store.create(make(i), e)) std::abort();
  }
  std::printf("loaded %zu connectors in %.1f s\n", store.count(),
              std::chrono::duration<double>(Clock::now() - start).count());
}

// This thread's CPU time in milliseconds: on a machine shared with other work, wall time
// mostly measures the wait for a core.
double cpu_ms() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// p50 and p99 in milliseconds over `runs` calls, wall and CPU; returns the CPU p50.
double measure(const char* label, int runs, const std::function<void(int)>& call) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    const double cpu_start = cpu_ms();
    call(i);
    cpu.push_back(cpu_ms() - cpu_start);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%-44s p50 %7.3f ms   p99 %7.3f ms   cpu p50 %7.3f ms\n", label, ms[ms.size() / 2],
              ms[ms.size() * 99 / 100], cpu[cpu.size() / 2]);
  return cpu[cpu.size() / 2];
}

void check(const Result<ListPage>& page) {
  if (!page) std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = argc > 1 ? std::stoul(argv[1]) : 100000;
  bool temporary = argc <= 2;
  std::string dir = temporary
                        ? (std::filesystem::temp_directory_path() / "store-bench-XXXXXX").string()
                        : argv[2];
  if (temporary && ::mkdtemp(dir.data()) == nullptr) return 1;
  LmdbStoreOptions options;
  options.data_dir = dir;
  options.sync = false;  // bulk load only; the measured reads do not depend on it
  options.name_copy = false;
  {
    auto store = LmdbConnectorStore::open(options);
    if (!store) return std::fprintf(stderr, "%s\n", store.problem().detail.c_str()), 1;
    load(**store, count);
  }
  double q_p50[2] = {0, 0};
  for (bool copy : {false, true}) {
    options.name_copy = copy;
    auto start = Clock::now();
    auto store = LmdbConnectorStore::open(options);
    if (!store) return std::fprintf(stderr, "%s\n", store.problem().detail.c_str()), 1;
    std::printf("-- name index %s (opened in %.1f ms)\n", copy ? "in memory" : "in LMDB only",
                std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    std::vector<std::string> cursors;  // a cursor into every 50th page, for random pages
    ListQuery walk;
    walk.limit = 500;
    for (auto page = (*store)->list(walk); page && page->next_cursor;
         walk.cursor = *page->next_cursor, page = (*store)->list(walk)) {
      cursors.push_back(*page->next_cursor);
    }
    measure("first page of 50, unfiltered", 500, [&](int) { check((*store)->list(ListQuery{})); });
    measure("random page of 50, unfiltered (cursor)", 500, [&](int i) {
      ListQuery q;
      q.cursor = cursors[static_cast<std::size_t>(i) * 7 % cursors.size()];
      check((*store)->list(q));
    });
    q_p50[copy] = measure("page of 50, q=\"host12.\" (full index scan)", 50, [&](int) {
      ListQuery q;
      q.q = "host12.";
      check((*store)->list(q));
    });
    measure("page of 50, status=disabled (full scan)", 50, [&](int) {
      ListQuery q;
      q.status = ConnectorStatus::Disabled;
      check((*store)->list(q));
    });
    measure("page of 50, sort=-updated_at, q=\"host1\"", 50, [&](int) {
      ListQuery q;
      q.q = "host1";
      q.sort = "-updated_at";
      check((*store)->list(q));
    });
  }
  std::printf("q filter cpu p50: %.3f ms from LMDB, %.3f ms from memory (%.1fx)\n", q_p50[0],
              q_p50[1], q_p50[0] / q_p50[1]);
  if (temporary) std::filesystem::remove_all(dir);
}
