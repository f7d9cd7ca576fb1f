// The in-memory copy of the name index (name_table.h): every list answers exactly as the LMDB
// index does, whatever the filter, sort, limit and cursor; it follows create, rename, status
// and URL changes and deletes, at once and after a reopen; a write that fails leaves it as it
// was; readers racing writers never see a connector the snapshot does not hold.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

std::unique_ptr<LmdbConnectorStore> open_with(const std::filesystem::path& dir, bool copy) {
  LmdbStoreOptions options;
  options.data_dir = dir;
  options.initial_map_size = 4u << 20;
  options.sync = false;
  options.name_copy = copy;
  auto store = LmdbConnectorStore::open(options);
  if (!store) ADD_FAILURE() << "open failed: " << store.problem().detail;
  return store ? std::move(*store) : nullptr;
}

// Every page of every query below, as ids, totals and cursors: two stores that answer alike
// give the same text.
std::string every_answer(LmdbConnectorStore& store) {
  std::string out;
  for (const char* q : {"", "a", "EX", "zz", "3.", "host1"}) {
    for (const char* sort :
         {"", "-name", "base_url", "-status", "updated_at", "-updated_at", "health", "-health"}) {
      for (const char* filter : {"", "active", "failing"}) {
        for (std::size_t limit : {1u, 7u, 50u}) {
          ListQuery query;
          query.q = q;
          query.sort = sort;
          if (filter == std::string("active")) query.status = ConnectorStatus::Active;
          if (filter == std::string("failing")) query.health = HealthState::Failing;
          query.limit = limit;
          out +=
              std::string("\n") + q + "|" + sort + "|" + filter + "|" + std::to_string(limit) + ":";
          for (int pages = 0; pages < 200; ++pages) {
            auto page = store.list(query);
            if (!page) return out + " " + page.problem().detail;
            out += " " + std::to_string(page->total) + "[";
            for (const Connector& c : page->items) out += c.id + ",";
            out += "]";
            if (!page->next_cursor) break;
            query.cursor = *page->next_cursor;
          }
        }
      }
    }
  }
  return out;
}

Connector numbered(int i, std::mt19937& random) {
  Connector c = sample_connector((i % 3 ? "Conn " : "conn ") + std::to_string(random() % 100000),
                                 "https://HOST" + std::to_string(i % 17) + ".example.com/a");
  c.status = i % 2 ? ConnectorStatus::Active : ConnectorStatus::Disabled;
  c.updated_at = "2026-01-0" + std::to_string(1 + i % 9) + "T00:00:00Z";
  return c;
}

// Health states, renames, status and URL changes, deletes: every kind of change to the name
// index.
void churn(LmdbConnectorStore& store, std::vector<std::string>& ids, std::mt19937& random) {
  for (int i = 0; i < 120; ++i) {
    auto created = store.create(numbered(i, random), entry("created", 1));
    if (created) ids.push_back(created->id);  // a random name may be taken: skipped
  }
  for (int i = 0; i < 60; ++i) {
    ConnectorHealth health;
    health.state = random() % 2 ? HealthState::Failing : HealthState::Ok;
    ASSERT_TRUE(store.put_health(ids[random() % ids.size()], health).ok());
  }
  for (int i = 0; i < 60; ++i) {
    const std::string& id = ids[random() % ids.size()];
    const unsigned what = random() % 3;
    auto changed = store.update(id, [&](const Connector& current) -> Result<Change> {
      Connector next = current;
      if (what == 0) next.name = "Renamed " + std::to_string(random() % 100000);
      if (what == 1) next.status = ConnectorStatus::Active;
      if (what == 2) next.base_url = "https://zz" + std::to_string(i) + ".example.org/";
      next.updated_at = "2026-02-0" + std::to_string(1 + i % 9) + "T00:00:00Z";
      next.version += 1;
      return Change{next, entry("updated", next.version)};
    });
    (void)changed;  // a rename onto a taken name is refused: fine, nothing changes
  }
  for (int i = 0; i < 30; ++i) {
    const std::size_t at = random() % ids.size();
    ASSERT_TRUE(store.remove(ids[at], nullptr, entry("deleted", 0)).ok());
    ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(at));
  }
}

TEST(NameCopy, EveryListAnswersAsTheLmdbIndexDoesKeptInStepAndAfterReopen) {
  TempDir dir;
  std::string kept_in_step;
  {
    auto store = open_with(dir.path(), true);
    ASSERT_TRUE(store);
    std::mt19937 random(7);
    std::vector<std::string> ids;
    churn(*store, ids, random);
    kept_in_step = every_answer(*store);
  }
  auto from_lmdb = open_with(dir.path(), false);
  ASSERT_TRUE(from_lmdb);
  const std::string expected = every_answer(*from_lmdb);
  from_lmdb.reset();
  EXPECT_EQ(kept_in_step, expected);
  auto rebuilt = open_with(dir.path(), true);
  ASSERT_TRUE(rebuilt);
  EXPECT_EQ(every_answer(*rebuilt), expected);
}

std::vector<std::string> names_matching(LmdbConnectorStore& store, const std::string& q) {
  ListQuery query;
  query.q = q;
  query.limit = 500;
  auto page = store.list(query);
  EXPECT_TRUE(page.ok());
  std::vector<std::string> names;
  if (page)
    for (const Connector& c : page->items) names.push_back(c.name);
  return names;
}

TEST(NameCopy, CreateRenameAndDeleteShowAtOnceAndAfterReopen) {
  TempDir dir;
  using Names = std::vector<std::string>;
  {
    auto store = open_with(dir.path(), true);
    ASSERT_TRUE(store);
    auto alpha = store->create(sample_connector("Alpha one"), entry("created", 1));
    auto beta = store->create(sample_connector("Beta one"), entry("created", 1));
    ASSERT_TRUE(alpha.ok() && beta.ok());
    EXPECT_EQ(names_matching(*store, "one"), (Names{"Alpha one", "Beta one"}));
    ASSERT_TRUE(store
                    ->update(alpha->id,
                             [](const Connector& current) -> Result<Change> {
                               Connector next = current;
                               next.name = "Gamma two";
                               return Change{next, entry("updated", 2)};
                             })
                    .ok());
    EXPECT_EQ(names_matching(*store, "one"), (Names{"Beta one"}));
    EXPECT_EQ(names_matching(*store, "gamma"), (Names{"Gamma two"}));
    ASSERT_TRUE(store->remove(beta->id, nullptr, entry("deleted", 1)).ok());
    EXPECT_EQ(names_matching(*store, "one"), Names{});
  }
  auto store = open_with(dir.path(), true);
  ASSERT_TRUE(store);
  EXPECT_EQ(names_matching(*store, "o"), (Names{"Gamma two"}));
}

TEST(NameCopy, AWriteThatFailsLeavesTheCopyAsItWas) {
  TempDir dir;
  LmdbStoreOptions options;
  options.data_dir = dir.path();
  options.initial_map_size = options.max_map_size = 1u << 20;  // fills up: writes get a 507
  options.sync = false;
  auto opened = LmdbConnectorStore::open(options);
  ASSERT_TRUE(opened.ok());
  auto& store = **opened;
  std::size_t acknowledged = 0;
  std::string refused_name;
  for (int i = 0; i < 1000 && refused_name.empty(); ++i) {
    Connector c = sample_connector("bulk " + std::to_string(i));
    // Large enough that the record, written after the name, is what does not fit.
    c.headers.push_back(Header{"X-Bulk", WriteOnly{std::string(8192, 'b'), true}, true});
    if (store.create(c, entry("created", 1)))
      ++acknowledged;
    else
      refused_name = c.name;
  }
  ASSERT_FALSE(refused_name.empty());
  EXPECT_EQ(names_matching(store, "bulk").size(), std::min<std::size_t>(acknowledged, 500));
  EXPECT_TRUE(names_matching(store, refused_name).empty()) << refused_name;
  // A refused rename (the name is taken) changes nothing either.
  auto first = store.list(ListQuery{});
  ASSERT_TRUE(first.ok() && first->items.size() >= 2);
  auto taken = store.update(first->items[0].id, [&](const Connector& current) -> Result<Change> {
    Connector next = current;
    next.name = first->items[1].name;
    return Change{next, entry("updated", 2)};
  });
  EXPECT_FALSE(taken.ok());
  EXPECT_EQ(names_matching(store, first->items[0].name).size(), 1u);
}

TEST(NameCopy, ReadersRacingWritersSeeOnlyWhatTheirSnapshotHolds) {
  TempDir dir;
  auto store = open_with(dir.path(), true);
  ASSERT_TRUE(store);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int i = 0; i < 150; ++i) {
      auto c = store->create(sample_connector("race " + std::to_string(i)), entry("created", 1));
      if (!c || (i % 2 && !store->remove(c->id, nullptr, entry("deleted", 1)))) ++failures;
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!done) {
        ListQuery query;
        query.q = "RACE";
        query.limit = 500;
        auto page = store->list(query);
        // A copy ahead of or behind the snapshot would name a record the snapshot lacks (404)
        // or count rows it does not hold.
        if (!page || page->total != page->items.size()) ++failures;
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(names_matching(*store, "race").size(), 75u);
}

}  // namespace
}  // namespace datahub::backend::testing
