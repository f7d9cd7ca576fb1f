// The token cache: freshness margin, single flight, invalidation.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "outbound/token_cache.h"

namespace datahub::outbound {
namespace {

using namespace std::chrono_literals;

AccessToken token(const std::string& value, std::chrono::seconds lifetime) {
  AccessToken t;
  t.value = value;
  t.expires_in = lifetime;
  t.expires_at = std::chrono::steady_clock::now() + lifetime;
  return t;
}

TEST(TokenCache, ReusesATokenUntil30SecondsBeforeItExpires) {
  TokenCache cache;
  int fetches = 0;
  auto fetch = [&](std::chrono::seconds life) {
    return [&fetches, life]() -> Result<AccessToken> {
      return token("t" + std::to_string(++fetches), life);
    };
  };
  EXPECT_EQ(cache.get("c1", 1, fetch(3600s))->value, "t1");
  EXPECT_EQ(cache.get("c1", 1, fetch(3600s))->value, "t1");
  cache.invalidate("c1");
  EXPECT_EQ(cache.get("c1", 1, fetch(30s))->value, "t2");  // stale at once: within the margin
  EXPECT_EQ(cache.get("c1", 1, fetch(3600s))->value, "t3");
  EXPECT_EQ(cache.get("c1", 2, fetch(3600s))->value, "t4");  // a new version never reuses
  EXPECT_EQ(cache.get("c2", 1, fetch(3600s))->value, "t5");
  cache.reject("c2", "not-the-current-one");
  EXPECT_EQ(cache.get("c2", 1, fetch(3600s))->value, "t5");
  cache.reject("c2", "t5");
  EXPECT_EQ(cache.get("c2", 1, fetch(3600s))->value, "t6");
}

TEST(TokenCache, ConcurrentCallersShareOneFetchAndItsFailure) {
  TokenCache cache;
  std::atomic<int> fetches{0};
  auto slow_failure = [&]() -> Result<AccessToken> {
    ++fetches;
    std::this_thread::sleep_for(200ms);
    return make_problem(ProblemType::TokenError, "refused");
  };
  std::vector<std::thread> callers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 20; ++i)
    callers.emplace_back([&] { failures += cache.get("c", 1, slow_failure).ok() ? 0 : 1; });
  for (auto& t : callers) t.join();
  EXPECT_EQ(failures, 20);
  EXPECT_LE(fetches, 2);  // one flight; a caller that started after it ended may start another
  auto ok = [&]() -> Result<AccessToken> { return token("fresh", 3600s); };
  EXPECT_EQ(cache.get("c", 1, ok)->value, "fresh");  // the failure was not kept
}

TEST(TokenCache, AFetchInvalidatedWhileRunningIsNotKept) {
  TokenCache cache;
  auto fetch_and_invalidate = [&]() -> Result<AccessToken> {
    cache.invalidate("c");
    return token("old", 3600s);
  };
  EXPECT_EQ(cache.get("c", 1, fetch_and_invalidate)->value, "old");
  auto next = [&]() -> Result<AccessToken> { return token("new", 3600s); };
  EXPECT_EQ(cache.get("c", 1, next)->value, "new");
}

}  // namespace
}  // namespace datahub::outbound
