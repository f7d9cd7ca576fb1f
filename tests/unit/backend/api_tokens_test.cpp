// ApiTokens' last use: kept in memory, written at most once a minute per token, and by flush().
#include "identity/api_tokens.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "store/lmdb_identity_store.h"

namespace datahub::backend {
namespace {

class ApiTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "api-tokens-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    LmdbEnvOptions options;
    options.dir = m_dir;
    auto env = LmdbEnv::open(options);
    ASSERT_TRUE(env.ok());
    m_env = std::move(*env);
    auto store = LmdbIdentityStore::open(*m_env);
    ASSERT_TRUE(store.ok());
    m_store = std::move(*store);
  }
  void TearDown() override {
    m_store.reset();
    m_env.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  std::optional<std::int64_t> stored_use(const std::string& id) {
    auto token = m_store->token(id);
    EXPECT_TRUE(token.ok());
    return token ? token->last_used_at : std::nullopt;
  }

  std::filesystem::path m_dir;
  std::unique_ptr<LmdbEnv> m_env;
  std::unique_ptr<LmdbIdentityStore> m_store;
  std::int64_t m_now = 1'000'000;
};

TEST_F(ApiTokensTest, ALastUseIsWrittenAtMostOnceAMinuteAndAtFlush) {
  ApiTokens tokens(*m_store, [this] { return m_now; });
  auto made = tokens.create(Caller{}, {{"name", "ci"}, {"role", "viewer"}});
  ASSERT_TRUE(made.ok()) << made.problem().detail;
  const std::string id = made->token.id;
  EXPECT_FALSE(stored_use(id));

  ASSERT_TRUE(tokens.resolve(made->secret).ok());
  EXPECT_EQ(stored_use(id), m_now) << "the first use is written";
  const std::int64_t first = m_now;
  m_now += 30;
  ASSERT_TRUE(tokens.resolve(made->secret).ok());
  EXPECT_EQ(stored_use(id), first) << "30 s later: memory only";
  auto listed = tokens.list(Caller{});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].token.last_used_at, m_now) << "the list shows the newest use";
  m_now += 31;
  ASSERT_TRUE(tokens.resolve(made->secret).ok());
  EXPECT_EQ(stored_use(id), m_now) << "a minute after the last write";
  m_now += 5;
  ASSERT_TRUE(tokens.resolve(made->secret).ok());
  EXPECT_EQ(stored_use(id), m_now - 5);
  tokens.flush();
  EXPECT_EQ(stored_use(id), m_now) << "flushed at shutdown";
  EXPECT_FALSE(tokens.resolve(made->secret + "x").ok());
  EXPECT_FALSE(tokens.resolve("not-a-token").ok());
}

}  // namespace
}  // namespace datahub::backend
