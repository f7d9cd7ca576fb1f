// The rules of a connector's health: what a test and a data request change, and what counts as
// the connector failing.
#include <gtest/gtest.h>

#include "health/health_event.h"

namespace datahub::backend {
namespace {

using Kind = HealthEvent::Kind;

HealthEvent event(Kind kind, const std::string& at, const std::string& failure = "") {
  return {kind, failure.empty(), at, failure};
}

TEST(HealthEvent, ATestRecordsItselfAndItsFailure) {
  auto h = apply_health_event({}, event(Kind::Test, "T1", "invalid_client"));
  EXPECT_EQ(h.state, HealthState::Failing);
  EXPECT_EQ(h.last_test_at, "T1");
  EXPECT_EQ(h.last_test_ok, false);
  EXPECT_EQ(h.last_failure_at, "T1");
  EXPECT_EQ(h.last_failure, "invalid_client");
  EXPECT_EQ(h.failing_since, "T1");
  h = apply_health_event(h, event(Kind::Test, "T2"));
  EXPECT_EQ(h.state, HealthState::Ok);
  EXPECT_EQ(h.last_test_ok, true);
  EXPECT_EQ(h.last_failure, "invalid_client") << "the last failure stays to be seen";
  EXPECT_EQ(h.failing_since, "");
}

TEST(HealthEvent, ARequestChangesTheStateButNotTheLastTest) {
  auto h = apply_health_event({}, event(Kind::Request, "T1", "upstream-timeout"));
  EXPECT_EQ(h.state, HealthState::Failing);
  EXPECT_EQ(h.last_test_at, "");
  EXPECT_FALSE(h.last_test_ok);
  h = apply_health_event(h, event(Kind::Request, "T2", "http-503"));
  EXPECT_EQ(h.failing_since, "T1") << "the run of failures began at T1";
  EXPECT_EQ(h.last_failure_at, "T2");
  EXPECT_EQ(h.last_failure, "http-503");
  const auto ok = apply_health_event(h, event(Kind::Request, "T3"));
  EXPECT_EQ(ok.state, HealthState::Ok);
  EXPECT_EQ(apply_health_event(ok, event(Kind::Request, "T4")), ok)
      << "a working request after a working request changes nothing: nothing to write";
}

TestStep step(const char* name, bool ok) {
  TestStep s;
  s.name = name;
  s.ok = ok;
  return s;
}

ProxyResponse answer(int status) {
  ProxyResponse r;
  r.status = status;
  return r;
}

TEST(HealthEvent, ATestsFailureIsItsFailingStepsOAuthErrorProblemOrStatus) {
  TestResult r;
  r.steps = {step("token", true), step("request", false)};
  r.steps[1].status = 503;
  EXPECT_EQ(failure_of(r), "http-503");
  r.steps[1].problem = "upstream-error";
  EXPECT_EQ(failure_of(r), "upstream-error");
  r.steps[0] = step("token", false);
  r.steps[0].problem = "token-error";
  r.steps[0].oauth_error = "invalid_client";
  EXPECT_EQ(failure_of(r), "invalid_client");
  r.steps[0].oauth_error = "ZXJyb3I9" + std::string(100, 'A');  // not an OAuth error code
  EXPECT_EQ(failure_of(r), "token-error") << "a page of text from the endpoint is not kept";
  r.steps[0].oauth_error = "bad\u202e\x1b[31m";
  EXPECT_EQ(failure_of(r), "token-error");
  r.ok = true;
  EXPECT_FALSE(failure_of(r));
}

TEST(HealthEvent, ATestRefusedByTheConnectorsOwnRateLimitSaysNothing) {
  TestResult r;
  r.steps = {step("request", false)};
  r.steps[0].problem = "rate-limited";
  EXPECT_FALSE(tells_health(r));
  r.steps[0].problem = "upstream-timeout";
  EXPECT_TRUE(tells_health(r));
}

TEST(HealthEvent, OnlyProblemsOfTheConnectorCountAsFailures) {
  EXPECT_EQ(failure_of(make_problem(ProblemType::UpstreamTimeout, "slow")), "upstream-timeout");
  EXPECT_EQ(failure_of(make_problem(ProblemType::DestinationNotAllowed, "no")),
            "destination-not-allowed");
  Problem token = make_problem(ProblemType::TokenError, "refused");
  token.extensions["oauth_error"] = "invalid_grant";
  EXPECT_EQ(failure_of(token), "invalid_grant");
  token.extensions["oauth_error"] = std::string(65, 'x');
  EXPECT_EQ(failure_of(token), "token-error") << "too long to be an OAuth error code";
  EXPECT_FALSE(failure_of(make_problem(ProblemType::RateLimited, "own limit")));
  EXPECT_FALSE(failure_of(make_problem(ProblemType::Busy, "server")));
  EXPECT_FALSE(failure_of(make_problem(ProblemType::BadRequest, "caller")));
}

TEST(HealthEvent, AnAnswerFailsOnlyWithAStatusThatSaysTheConnectorIsBroken) {
  for (int status : {200, 204, 301, 400, 404, 409, 422, 429}) {
    EXPECT_FALSE(failure_of(answer(status))) << status;
  }
  for (int status : {401, 407, 500, 502, 503, 504}) {
    EXPECT_EQ(failure_of(answer(status)), "http-" + std::to_string(status));
  }
}

}  // namespace
}  // namespace datahub::backend
