// Retries (after 429/502/503/504 and failed connections, for idempotent methods, within the
// deadline) and the per-connector rate limit, against a local upstream.
#include <gtest/gtest.h>

#include <atomic>

#include "outbound/connector_client.h"
#include "outbound/retry_policy.h"
#include "outbound_test_util.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(RetryAfter, SecondsOrAnHttpDate) {
  const std::time_t now = 1'700'000'000;  // 2023-11-14T22:13:20Z
  EXPECT_EQ(parse_retry_after("3", now), 3000ms);
  EXPECT_EQ(parse_retry_after(" 0 ", now), 0ms);
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:13:25 GMT", now), 5000ms);
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now), 0ms);  // past
  EXPECT_EQ(parse_retry_after("soon", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("-1", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("", now), std::nullopt);
}

// Found by an outside attack: these held a worker for ever (the wait, in nanoseconds, wrapped).
TEST(RetryAfter, AnyHugeValueIsAWaitPastTheDeadlineNeverAnOverflow) {
  const std::time_t now = 1'700'000'000;
  for (const char* value : {"2147483647", "4294967296", "9999999999", "18446744073709551617",
                            "Fri, 31 Dec 9999 23:59:59 GMT", "86401"}) {
    EXPECT_EQ(parse_retry_after(value, now), std::chrono::milliseconds(24h)) << value;
  }
}

OutboundResponse answer(int status, std::string retry_after = "");

TEST(RetryWait, AHugeRetryAfterEndsTheCallWithTheAnswerAtHand) {
  const auto now = Clock::now();
  for (const char* value : {"2147483647", "9999999999", "Fri, 31 Dec 9999 23:59:59 GMT"})
    EXPECT_FALSE(retry_wait(answer(503, value), false, 1, now, now + 3s)) << value;
}

OutboundResponse answer(int status, std::string retry_after) {
  OutboundResponse r;
  r.status = status;
  if (!retry_after.empty()) r.headers.emplace("Retry-After", retry_after);
  return r;
}

TEST(RetryWait, OnlyRetryableAnswersAndNeverPastTheDeadline) {
  const auto now = Clock::now();
  const auto deadline = now + 10s;
  for (int status : {429, 502, 503, 504})
    EXPECT_TRUE(retry_wait(answer(status), false, 1, now, deadline)) << status;
  for (int status : {200, 400, 401, 404, 500})
    EXPECT_FALSE(retry_wait(answer(status), false, 1, now, deadline)) << status;
  EXPECT_EQ(retry_wait(answer(503, "2"), false, 1, now, deadline), 2000ms);
  EXPECT_FALSE(retry_wait(answer(503, "20"), false, 1, now, deadline));   // past the deadline
  const auto backoff = retry_wait(answer(503), false, 3, now, deadline);  // 800 ms ± 50%
  ASSERT_TRUE(backoff);
  EXPECT_GE(*backoff, 400ms);
  EXPECT_LE(*backoff, 1200ms);
  Result<OutboundResponse> refused = make_problem(ProblemType::UpstreamError, "x");
  EXPECT_FALSE(retry_wait(refused, false, 1, now, deadline));
  EXPECT_TRUE(retry_wait(refused, true, 1, now, deadline));
}

struct FlakyUpstream {
  std::atomic<int> hits{0};
  int failures = 2;
  outbound_test::LocalServer server;
  FlakyUpstream() {
    auto handler = [this](const httplib::Request&, httplib::Response& res) {
      if (++hits <= failures) {
        res.status = 503;
        res.set_header("Retry-After", "0");
        return;
      }
      res.set_content("{\"ok\":true}", "application/json");
    };
    server.server().Get("/flaky", handler);
    server.server().Post("/flaky", handler);
    server.start();
  }
};

Connector connector_to(const FlakyUpstream& up, int attempts) {
  Connector c;
  c.id = "c_retry";
  c.version = 1;
  c.base_url = up.server.url("");
  c.retry.max_attempts = attempts;
  return c;
}

TEST(Retries, AGetIsTriedAgainUntilItWorksAndTheStepSaysHowOften) {
  FlakyUpstream up;
  ConnectorClient client(open_policy());
  auto result = to_json(client.test(connector_to(up, 3), "GET", "/flaky"));
  ASSERT_TRUE(result["ok"]) << result.dump();
  EXPECT_EQ(result["steps"][0]["attempts"], 3);
  EXPECT_EQ(up.hits, 3);
}

TEST(Retries, APostIsNeverRepeatedAndOneAttemptMeansNone) {
  FlakyUpstream up;
  ConnectorClient client(open_policy());
  auto post = to_json(client.test(connector_to(up, 5), "POST", "/flaky"));
  EXPECT_EQ(post["steps"][0]["status"], 503);
  EXPECT_EQ(up.hits, 1);
  auto once = to_json(client.test(connector_to(up, 1), "GET", "/flaky"));
  EXPECT_EQ(once["steps"][0]["status"], 503);
  EXPECT_EQ(up.hits, 2);
}

TEST(RateLimit, CallsOverTheLimitWaitTheirTurnOrGet429WithRetryAfter) {
  FlakyUpstream up;
  up.failures = 0;
  ConnectorClient client(open_policy());
  Connector c = connector_to(up, 1);
  c.rate_limit = {5, 1};  // one every 200 ms, no burst
  c.timeout_ms = 1000;
  ProxyRequest request;
  request.path = "/flaky";
  const auto start = Clock::now();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.request(c, request).ok());
  EXPECT_GE(Clock::now() - start, 350ms);  // the 2nd and 3rd waited their turns
  c.rate_limit = {0.1, 1};                 // one every 10 s: a 2nd call cannot wait that long
  client.invalidate(c.id);
  ASSERT_TRUE(client.request(c, request).ok());
  auto limited = client.request(c, request);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.problem().status, 429);
  EXPECT_EQ(limited.problem().type, ProblemType::RateLimited);
  EXPECT_EQ(limited.problem().extensions["retry_after"], 10);
  EXPECT_EQ(up.hits, 4);
}

TEST(RateLimit, ATinyRateLimitsInsteadOfOverflowingIntoNoLimit) {
  RateLimiter limiter;
  const auto deadline = Clock::now() + 1s;
  int n = 0;
  for (double rate : {1e-300, 5e-324, 1e-10}) {
    const std::string id = "c_tiny" + std::to_string(++n);
    EXPECT_FALSE(limiter.acquire(id, rate, 1, deadline)) << rate;  // the bucket's one turn
    auto refused = limiter.acquire(id, rate, 1, deadline);
    ASSERT_TRUE(refused) << rate;
    EXPECT_EQ(*refused, std::chrono::milliseconds(24h)) << rate;  // announced, capped
  }
}

TEST(RateLimit, ATestTakesItsTurnAndSharesTheBucketWithRequests) {
  FlakyUpstream up;
  up.failures = 0;
  ConnectorClient client(open_policy());
  Connector c = connector_to(up, 1);
  c.rate_limit = {0.1, 1};  // one every 10 s
  c.timeout_ms = 1000;
  ProxyRequest request;
  request.path = "/flaky";
  ASSERT_TRUE(client.request(c, request).ok());
  auto result = to_json(client.test(c, "GET", "/flaky"));
  EXPECT_FALSE(result["ok"]);
  ASSERT_EQ(result["steps"].size(), 1u);
  EXPECT_EQ(result["steps"][0]["problem"], "rate-limited") << result.dump();
  EXPECT_EQ(up.hits, 1);  // the test never reached the upstream
}

}  // namespace
}  // namespace datahub::outbound
