// A store that is full: writes answer 507 insufficient-storage, reads go on, and once there is
// room again (here: a larger map) writes work and nothing acknowledged is gone. The disk-full
// half (ENOSPC on a small tmpfs) is driven through the server in api_storage_test.cpp.
#include <gtest/gtest.h>

#include <cerrno>

#include "storage_full.h"
#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

constexpr std::size_t kSmallMap = 1u << 20;  // LMDB's default; open() never shrinks a map

// A record of about 12 KiB: one 8 KiB secret header, sealed.
Connector bulky_connector(const std::string& name) {
  Connector c = sample_connector(name);
  c.headers.push_back(Header{"X-Bulk", WriteOnly{std::string(8192, 'b'), true}, true});
  return c;
}

std::unique_ptr<LmdbConnectorStore> open_capped(const std::filesystem::path& dir,
                                                std::size_t map_size) {
  LmdbStoreOptions options;
  options.data_dir = dir;
  options.initial_map_size = map_size;
  options.max_map_size = map_size;
  options.sync = false;
  auto store = LmdbConnectorStore::open(options);
  if (!store) ADD_FAILURE() << "open failed: " << store.problem().detail;
  return store ? std::move(*store) : nullptr;
}

TEST(LmdbStoreFull, AFullMapRefusesWritesWith507AndKeepsReading) {
  TempDir dir;
  std::vector<Connector> acknowledged;
  {
    auto store = open_capped(dir.path(), kSmallMap);
    ASSERT_TRUE(store);
    Problem refused;
    for (int i = 0; i < 1000; ++i) {
      auto created =
          store->create(bulky_connector("full " + std::to_string(i)), entry("created", 1));
      if (!created) {
        refused = created.problem();
        break;
      }
      acknowledged.push_back(*created);
    }
    ASSERT_GT(acknowledged.size(), 3u);
    RecordProperty("creates_before_507", std::to_string(acknowledged.size()));
    EXPECT_EQ(refused.type, ProblemType::InsufficientStorage) << refused.detail;
    EXPECT_EQ(refused.status, 507);
    EXPECT_EQ(store->map_size(), kSmallMap) << "the cap holds";

    // An update that needs more room is refused the same way and changes nothing.
    const Connector& first = acknowledged.front();
    auto grown = store->update(first.id, [](const Connector& current) -> Result<Change> {
      Connector next = current;
      for (int h = 0; h < 8; ++h) {
        next.headers.push_back(
            Header{"X-More-" + std::to_string(h), WriteOnly{std::string(8192, 'm'), true}, true});
      }
      next.version += 1;
      return Change{next, entry("updated", next.version)};
    });
    ASSERT_FALSE(grown.ok());
    EXPECT_EQ(grown.problem().status, 507) << grown.problem().detail;

    ListQuery query;
    query.limit = 500;
    auto page = store->list(query);
    ASSERT_TRUE(page.ok()) << page.problem().detail;
    EXPECT_EQ(page->total, acknowledged.size());
    EXPECT_EQ(*store->get(first.id), first);
  }
  // Room again: the same data under a larger map takes new writes and lost nothing.
  auto store = open_capped(dir.path(), 4 * kSmallMap);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->create(bulky_connector("after"), entry("created", 1)).ok());
  for (const Connector& c : acknowledged) {
    auto stored = store->get(c.id);
    ASSERT_TRUE(stored.ok()) << c.name;
    EXPECT_EQ(*stored, c) << c.name;  // secrets included, decrypted
  }
  EXPECT_EQ(store->count(), acknowledged.size() + 1);
}

TEST(StorageFull, NoRoomIsTheMapOrTheDiskAndEioOnlyWhenTheDiskIsFull) {
  TempDir dir;
  EXPECT_TRUE(is_storage_full(MDB_MAP_FULL, dir.path()));
  EXPECT_TRUE(is_storage_full(ENOSPC, dir.path()));
  EXPECT_TRUE(is_storage_full(EDQUOT, dir.path()));
  EXPECT_FALSE(is_storage_full(EIO, dir.path())) << "a disk with room: EIO is a fault";
  EXPECT_FALSE(is_storage_full(EACCES, dir.path()));
  EXPECT_FALSE(is_storage_full(MDB_CORRUPTED, dir.path()));
}

}  // namespace
}  // namespace datahub::backend::testing
