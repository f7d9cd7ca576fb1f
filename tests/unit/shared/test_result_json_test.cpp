// The test result codec: what the backend wrote before the type existed reads back and is
// written again member for member, and read(write(x)) == x for every kind of step.
#include "datahub/test_result.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

using nlohmann::json;

// Steps as the backend's hand-built JSON wrote them (backend/outbound/test_result.cpp before).
const json kTokenOk = json::parse(R"({"name":"token","ok":true,"status":200,"latency_ms":12.5,
  "token_type":"Bearer","expires_in":3600,"attempts":1,"http_version":"1.1","scope":"read",
  "tls":{"version":"TLSv1.3","peer_subject":"CN=idp","peer_issuer":"CN=ca",
         "peer_not_after":"2030-01-01T00:00:00Z"}})");
const json kTokenExchange = json::parse(R"({"name":"token","ok":true,"grant":"password",
  "request":{"method":"POST","url":"https://idp/token","headers":{"authorization":"***"},
             "body":"grant_type=password&username=svc&password=***"},
  "response":{"status":200,"headers":{"content-type":"application/json"},
              "body_preview":"{\"access_token\":\"***\"}"}})");
const json kTokenFailed = json::parse(R"({"name":"token","ok":false,"status":401,
  "latency_ms":3,"error":"the token endpoint refused the client","problem":"token-error",
  "oauth_error":"invalid_client","oauth_error_description":"bad secret"})");
const json kRequestOk = json::parse(R"({"name":"request","ok":true,"method":"GET",
  "url":"http://127.0.0.1:8080/health","request_headers":{"Authorization":"Bearer ***",
  "X-Api-Key":"***"},"status":200,"latency_ms":8.25,"headers":{"content-type":"text/plain"},
  "body_preview":"","body_truncated":false,"redirects":2,"final_url":"http://127.0.0.1:8080/x",
  "attempts":3,"via_proxy":"http://127.0.0.1:3128"})");
const json kRequestFailed = json::parse(R"({"name":"request","ok":false,"method":"GET",
  "url":"http://127.0.0.1:9/","request_headers":{},"error":"no answer within 3000 ms",
  "problem":"upstream-timeout"})");
const json kUnsent = json::parse(R"({"name":"request","ok":false,"method":"POST",
  "error":"the path leaves the base URL","problem":"validation"})");

TEST(TestResultJson, StepsTheBackendWroteReadBackAndWriteTheSameJson) {
  for (const json& written :
       {kTokenOk, kTokenExchange, kTokenFailed, kRequestOk, kRequestFailed, kUnsent}) {
    auto step = test_step_from_json(written);
    ASSERT_TRUE(step) << written.dump();
    EXPECT_EQ(to_json(*step), written) << "a member was dropped or added";
  }
}

TEST(TestResultJson, EveryMemberIsKept) {
  auto token = test_step_from_json(kTokenOk);
  ASSERT_TRUE(token);
  EXPECT_EQ(token->expires_in, 3600);
  EXPECT_EQ(token->scope, "read");
  ASSERT_TRUE(token->tls);
  EXPECT_EQ(token->tls->peer_issuer, "CN=ca");
  auto request = test_step_from_json(kRequestOk);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->redirects, 2);
  EXPECT_EQ(request->final_url, "http://127.0.0.1:8080/x");
  ASSERT_TRUE(request->request_headers);
  EXPECT_EQ(request->request_headers->at("X-Api-Key"), "***");
  EXPECT_EQ(request->body_preview, "") << "an empty body is present, not absent";
  EXPECT_FALSE(request->http_version) << "absent stays absent";
  auto failed = test_step_from_json(kRequestFailed);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->problem, "upstream-timeout");
  EXPECT_FALSE(failed->status);
}

TEST(TestResultJson, ReadOfWriteIsTheSameResult) {
  TestResult result;
  for (const json& written : {kTokenOk, kRequestOk})
    result.steps.push_back(*test_step_from_json(written));
  result.ok = all_steps_ok(result.steps);
  EXPECT_TRUE(result.ok);
  auto back = test_result_from_json(to_json(result));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, result);

  TestResult empty;
  EXPECT_EQ(to_json(empty), json::parse(R"({"ok":false,"steps":[]})"));
  EXPECT_EQ(*test_result_from_json(to_json(empty)), empty);
  EXPECT_FALSE(all_steps_ok({})) << "no step, no success";
}

TEST(TestResultJson, TheTokenExchangeIsKept) {
  auto step = test_step_from_json(kTokenExchange);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->grant, "password");
  ASSERT_TRUE(step->request);
  EXPECT_EQ(step->request->headers.at("authorization"), "***");
  EXPECT_EQ(step->request->body, "grant_type=password&username=svc&password=***");
  ASSERT_TRUE(step->response);
  EXPECT_EQ(step->response->status, 200);
  EXPECT_EQ(step->response->body_preview, R"({"access_token":"***"})");
  auto bad = test_step_from_json(
      json::parse(R"({"name":"token","ok":true,"request":"POST","response":{"status":"200"}})"));
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.problem().errors.size(), 2u);
  EXPECT_EQ(bad.problem().errors[0].field, "request");
  EXPECT_EQ(bad.problem().errors[1].field, "response.status");
}

TEST(TestResultJson, WrongTypesAreNamedAndRefused) {
  auto bad = test_result_from_json(json::parse(
      R"({"ok":true,"steps":[{"name":"request","ok":true,"status":"200","tls":{"version":1}}]})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.problem().type, ProblemType::BadRequest);
  ASSERT_EQ(bad.problem().errors.size(), 2u);
  EXPECT_EQ(bad.problem().errors[0].field, "steps[0].status");
  EXPECT_EQ(bad.problem().errors[1].field, "steps[0].tls.version");
  EXPECT_FALSE(test_result_from_json(json::parse(R"({"ok":true})")));
  EXPECT_FALSE(test_result_from_json(json::parse("[]")));
  // null is absent, as the reader of the connector treats it.
  auto nulls = test_step_from_json(json::parse(R"({"name":"token","ok":false,"status":null})"));
  ASSERT_TRUE(nulls);
  EXPECT_FALSE(nulls->status);
}

}  // namespace
}  // namespace datahub
