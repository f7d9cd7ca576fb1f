// What survives: reopening, a map that has to grow, many threads at once, and secrets that
// stay encrypted on disk.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

TEST(LmdbStoreDurability, ReopenKeepsRecordsNamesHistoryAndMeta) {
  TempDir dir;
  Connector created;
  {
    auto store = open_store(dir.path());
    created = *store->create(sample_connector("Persistent"), entry("created", 1));
    ASSERT_TRUE(store->append_history(created.id, entry("tested", 1)).ok());
    ASSERT_TRUE(store->put_meta("admin_token_hash", "h").ok());
  }
  auto store = open_store(dir.path());
  EXPECT_EQ(*store->get(created.id), created);
  EXPECT_EQ(store->history(created.id)->size(), 2u);
  EXPECT_EQ(store->get_meta("admin_token_hash"), std::optional<std::string>("h"));
  EXPECT_EQ(store->create(sample_connector("PERSISTENT"), entry("created", 1)).problem().type,
            ProblemType::NameTaken);
}

TEST(LmdbStoreDurability, MapGrowsInsteadOfFailing) {
  TempDir dir;
  std::vector<std::string> ids;
  std::size_t initial = 0;
  {
    auto store = open_store(dir.path(), 64u << 10);  // 64 KiB: full after a few records
    initial = store->map_size();
    for (int i = 0; i < 3000; ++i) {
      Connector c = sample_connector("grow " + std::to_string(i));
      c.base_url += "/" + std::string(200, 'p');  // bigger records, more growth
      auto created = store->create(c, entry("created", 1));
      ASSERT_TRUE(created.ok()) << i << ": " << created.problem().detail;
      ids.push_back(created->id);
    }
    EXPECT_GE(store->map_size(), initial * 8) << "expected at least three doublings";
    EXPECT_EQ(store->count(), 3000u);
  }
  auto store = open_store(dir.path(), 64u << 10);
  EXPECT_GE(store->map_size(), initial * 8) << "a reopened store keeps the grown size";
  EXPECT_EQ(store->count(), 3000u);
  EXPECT_EQ(store->get(ids.front())->name, "grow 0");
  EXPECT_EQ(store->get(ids.back())->name, "grow 2999");
}

// Readers and writers on many threads while the map grows under them.
TEST(LmdbStoreDurability, ConcurrentReadersAndWritersWhileGrowing) {
  TempDir dir;
  auto store = open_store(dir.path(), 64u << 10);
  constexpr int kWriters = 3;
  constexpr int kPerWriter = 300;
  std::atomic<bool> done{false};
  std::atomic<int> read_failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        auto created = store->create(
            sample_connector("w" + std::to_string(w) + "-" + std::to_string(i)), entry("c", 1));
        if (!created) ADD_FAILURE() << created.problem().detail;
      }
    });
  }
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      while (!done) {
        ListQuery query;
        query.limit = 20;
        auto page = store->list(query);
        if (!page) ++read_failures;
        for (const Connector& c : page ? page->items : std::vector<Connector>{}) {
          if (!store->get(c.id)) ++read_failures;
        }
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  done = true;
  for (std::size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
  EXPECT_EQ(read_failures.load(), 0);
  EXPECT_EQ(store->count(), static_cast<std::size_t>(kWriters * kPerWriter));
}

TEST(LmdbStoreSecrets, SentinelNeverAppearsInTheDataFileAndDecryptsAfterReopen) {
  TempDir dir;
  std::string id;
  {
    auto store = open_store(dir.path());
    id = store->create(sample_connector("Secretive"), entry("created", 1))->id;
  }
  std::string raw = read_file(dir.path() / "data.mdb");
  ASSERT_NE(raw.find("Secretive"), std::string::npos) << "the test must look at the right file";
  EXPECT_EQ(raw.find(kSentinelSecret), std::string::npos);
  EXPECT_EQ(raw.find(kSentinelHeader), std::string::npos);
  EXPECT_EQ(raw.find("pw-Secretive"), std::string::npos);
  auto store = open_store(dir.path());
  auto got = store->get(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->auth.oauth2.client_secret.value, std::optional<std::string>(kSentinelSecret));
  EXPECT_EQ(got->headers[0].value.value, std::optional<std::string>(kSentinelHeader));
}

TEST(LmdbStoreSecrets, KeyFileIsCreatedPrivate) {
  TempDir dir;
  open_store(dir.path());
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / "secret.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
}

TEST(LmdbStoreSecrets, WrongKeyIsRefusedClearlyAtOpen) {
  TempDir dir;
  open_store(dir.path());
  std::filesystem::path other = dir.path() / "other.key";
  std::string key(32, 'k');
  std::ofstream(other, std::ios::binary) << key;
  std::filesystem::permissions(other, std::filesystem::perms::owner_read);
  LmdbStoreOptions options;
  options.data_dir = dir.path();
  options.secret_key_file = other;
  auto store = LmdbConnectorStore::open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.problem().detail.find("not the key"), std::string::npos)
      << store.problem().detail;
}

TEST(LmdbStoreSecrets, GroupReadableKeyFileIsRefused) {
  TempDir dir;
  open_store(dir.path());
  std::filesystem::path key = dir.path() / "secret.key";
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  LmdbStoreOptions options;
  options.data_dir = dir.path();
  auto store = LmdbConnectorStore::open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.problem().detail.find("chmod 600"), std::string::npos) << store.problem().detail;
}

TEST(LmdbStoreSecrets, GivenKeyFileMustExistAndHave32Bytes) {
  TempDir dir;
  LmdbStoreOptions options;
  options.data_dir = dir.path() / "data";
  options.secret_key_file = dir.path() / "missing.key";
  auto missing = LmdbConnectorStore::open(options);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.problem().detail.find("does not exist"), std::string::npos);
  std::ofstream(options.secret_key_file, std::ios::binary) << "short";
  ::chmod(options.secret_key_file.c_str(), 0600);
  auto short_key = LmdbConnectorStore::open(options);
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(short_key.problem().detail.find("32 bytes"), std::string::npos);
}

TEST(LmdbStoreSchema, NewerSchemaVersionIsRefused) {
  TempDir dir;
  open_store(dir.path());
  // Only the store may write schema_version: play a newer server through LMDB itself.
  ASSERT_NO_FATAL_FAILURE(edit_raw_meta(
      dir.path(), [](Txn& txn, MDB_dbi meta) { txn.put(meta, "schema_version", "3"); }));
  auto store = LmdbConnectorStore::open(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.problem().detail.find("schema version 3"), std::string::npos)
      << store.problem().detail;
}

TEST(SecretBox, AssociatedDataBindsCiphertextToConnectorAndField) {
  SecretKey key{};
  key.fill(7);
  SecretBox box(key);
  std::string sealed = box.seal("value", SecretBox::associated_data("c_1", "auth.password"));
  EXPECT_EQ(*box.unseal(sealed, SecretBox::associated_data("c_1", "auth.password")), "value");
  EXPECT_FALSE(box.unseal(sealed, SecretBox::associated_data("c_2", "auth.password")).ok());
  EXPECT_FALSE(box.unseal(sealed, SecretBox::associated_data("c_1", "auth.client_secret")).ok());
  EXPECT_NE(sealed, box.seal("value", SecretBox::associated_data("c_1", "auth.password")))
      << "a fresh nonce per encryption";
  EXPECT_FALSE(box.unseal("not base64", "x").ok());
}

}  // namespace
}  // namespace datahub::backend::testing
