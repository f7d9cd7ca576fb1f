// The child of crash_test: creates and updates connectors in a loop and, after each write the
// store acknowledged, prints "<id> <version>" on stdout (a pipe to the parent) — until the
// parent kills it with SIGKILL.
//   usage: store_crash_writer <data dir> <seed>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "connector_id.h"
#include "lmdb_connector_store.h"

using namespace datahub;
using namespace datahub::backend;

namespace {

Connector make(std::mt19937& rng) {
  Connector c;
  c.id = new_connector_id();
  c.name = "crash " + c.id;
  c.base_url = "https://crash.example.com/" + std::string(rng() % 2000, 'x');  // varied sizes
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.token_url = "https://idp.example.com/token";
  c.auth.oauth2.client_id = "hub";
  c.auth.oauth2.client_secret = WriteOnly{"secret-" + c.id, true};
  c.version = 1;
  return c;
}

HistoryEntry entry(const char* action, std::int64_t version) {
  HistoryEntry e;
  e.at = "2026-01-01T00:00:00Z";
  e.action = action;
  e.version = version;
  return e;
}

// Unbuffered: a line reaches the pipe before the next write begins.
void acknowledge(const Connector& c) {
  std::string line = c.id + " " + std::to_string(c.version) + "\n";
  if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::exit(3);
  }
}

Mutation bump() {
  return [](const Connector& current) -> Result<Change> {
    Change change{current, entry("updated", current.version + 1)};
    change.next.version = current.version + 1;
    change.next.base_url = current.base_url + "y";
    return change;
  };
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  LmdbStoreOptions options;
  options.data_dir = argv[1];
  options.initial_map_size = 256u << 10;  // small, so crashes also land during growth
  auto store = LmdbConnectorStore::open(options);
  if (!store) {
    std::fprintf(stderr, "crash_writer: %s\n", store.problem().detail.c_str());
    return 1;
  }
  std::mt19937 rng(static_cast<unsigned>(std::stoul(argv[2])));
  std::vector<std::string> ids;
  for (;;) {
    bool update = !ids.empty() && rng() % 3 != 0;
    auto written = update ? (*store)->update(ids[rng() % ids.size()], bump())
                          : (*store)->create(make(rng), entry("created", 1));
    if (!written) {
      std::fprintf(stderr, "crash_writer: %s\n", written.problem().detail.c_str());
      return 1;
    }
    if (!update) ids.push_back(written->id);
    acknowledge(*written);
  }
}
