// The token cache: freshness margin, single flight, invalidation.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <string>
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

AccessToken with_refresh(const std::string& value, std::chrono::seconds lifetime,
                         const std::string& refresh) {
  AccessToken t = token(value, lifetime);
  t.refresh_token = refresh;
  return t;
}

// A token endpoint in memory: the configured grant and the refresh, each counted, with the
// refresh tokens presented.
struct Endpoint {
  int grants = 0;
  std::vector<std::string> presented;
  std::function<Result<AccessToken>(const std::string&)> on_refresh;
  TokenCache::Fetch fetch() {
    return [this]() -> Result<AccessToken> {
      ++grants;
      return with_refresh("g" + std::to_string(grants), 30s, "rg" + std::to_string(grants));
    };
  }
  TokenCache::Renew renew() {
    return [this](const std::string& refresh) -> Result<AccessToken> {
      presented.push_back(refresh);
      return on_refresh(refresh);
    };
  }
};

TEST(TokenCache, RenewsWithTheRefreshTokenAndKeepsItUnlessRotated) {
  TokenCache cache;
  Endpoint idp;
  int n = 0;
  idp.on_refresh = [&](const std::string&) -> Result<AccessToken> {
    ++n;
    return with_refresh("r" + std::to_string(n), 30s, n == 1 ? "rt-rotated" : "");
  };
  auto first = cache.get("c", 1, idp.fetch(), idp.renew());
  EXPECT_EQ(first->value, "g1");
  EXPECT_EQ(first->refresh_token, "") << "tokens handed out carry no refresh token";
  EXPECT_EQ(cache.get("c", 1, idp.fetch(), idp.renew())->value, "r1");
  EXPECT_EQ(cache.get("c", 1, idp.fetch(), idp.renew())->value, "r2");
  EXPECT_EQ(cache.get("c", 1, idp.fetch(), idp.renew())->value, "r3");
  EXPECT_EQ(idp.presented, (std::vector<std::string>{"rg1", "rt-rotated", "rt-rotated"}));
  EXPECT_EQ(idp.grants, 1);
  EXPECT_TRUE(cache.get("c", 2, idp.fetch(), idp.renew())
                  .ok());  // a new version: the configured grant again
  EXPECT_EQ(idp.grants, 2);
  cache.invalidate("c");
  EXPECT_TRUE(cache.get("c", 2, idp.fetch(), idp.renew()).ok());
  EXPECT_EQ(idp.grants, 3);
  EXPECT_EQ(idp.presented.size(), 3u);
}

TEST(TokenCache, ARefusedRefreshFallsBackOnceAndIsDropped) {
  TokenCache cache;
  Endpoint idp;
  idp.on_refresh = [](const std::string&) -> Result<AccessToken> {
    return make_problem(ProblemType::TokenError, "invalid_grant");
  };
  EXPECT_TRUE(cache.get("c", 1, idp.fetch(), idp.renew()).ok());
  EXPECT_EQ(cache.get("c", 1, idp.fetch(), idp.renew())->value, "g2");
  EXPECT_EQ(idp.grants, 2);
  EXPECT_EQ(idp.presented, (std::vector<std::string>{"rg1"}));
  EXPECT_TRUE(cache.get("c", 1, idp.fetch(), idp.renew()).ok());
  EXPECT_EQ(idp.presented, (std::vector<std::string>{"rg1", "rg2"})) << "the fall-back's one";
}

TEST(TokenCache, ARefreshThatGotNoAnswerKeepsItsRefreshToken) {
  TokenCache cache;
  Endpoint idp;
  idp.on_refresh = [](const std::string&) -> Result<AccessToken> {
    return make_problem(ProblemType::UpstreamTimeout, "no answer");
  };
  EXPECT_TRUE(cache.get("c", 1, idp.fetch(), idp.renew()).ok());
  EXPECT_FALSE(cache.get("c", 1, idp.fetch(), idp.renew()).ok());
  EXPECT_EQ(idp.grants, 1) << "a timeout is no refusal";
  EXPECT_FALSE(cache.get("c", 1, idp.fetch(), idp.renew()).ok());
  EXPECT_EQ(idp.presented, (std::vector<std::string>{"rg1", "rg1"}));
}

TEST(TokenCache, ARejectedTokenIsRenewedWithTheRefreshToken) {
  TokenCache cache;
  Endpoint idp;
  idp.on_refresh = [](const std::string&) -> Result<AccessToken> { return token("r", 3600s); };
  auto fetch_long = [&]() -> Result<AccessToken> { return with_refresh("g", 3600s, "rt"); };
  EXPECT_TRUE(cache.get("c", 1, fetch_long, idp.renew()).ok());
  cache.reject("c", "g");
  EXPECT_EQ(cache.get("c", 1, fetch_long, idp.renew())->value, "r");
  EXPECT_EQ(idp.presented, (std::vector<std::string>{"rt"}));
}

}  // namespace
}  // namespace datahub::outbound
