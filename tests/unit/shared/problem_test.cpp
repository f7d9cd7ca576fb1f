// The problem catalogue and its RFC 9457 JSON: what every API client reads on an error.
#include "datahub/problem.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace datahub {
namespace {

TEST(Problem, EveryTypeHasTheContractNameAndStatus) {
  const std::map<std::string, int> expected = {{"bad-request", 400},
                                               {"unsupported-media-type", 415},
                                               {"payload-too-large", 413},
                                               {"validation", 422},
                                               {"unauthorized", 401},
                                               {"not-found", 404},
                                               {"name-taken", 409},
                                               {"precondition-required", 428},
                                               {"precondition-failed", 412},
                                               {"connector-disabled", 409},
                                               {"destination-not-allowed", 403},
                                               {"upstream-error", 502},
                                               {"upstream-timeout", 504},
                                               {"token-error", 502},
                                               {"insufficient-storage", 507},
                                               {"rate-limited", 429},
                                               {"busy", 503},
                                               {"forbidden", 403},
                                               {"csrf", 403},
                                               {"too-many-attempts", 429},
                                               {"last-admin", 409},
                                               {"setup-done", 409},
                                               {"store-unavailable", 503},
                                               {"internal", 500}};
  ASSERT_EQ(all_problem_types().size(), expected.size());
  std::set<std::string> seen;
  for (auto type : all_problem_types()) {
    const std::string name(problem_name(type));
    ASSERT_TRUE(expected.count(name)) << name;
    EXPECT_EQ(problem_status(type), expected.at(name)) << name;
    EXPECT_EQ(problem_type_uri(type), "urn:datahub:problem:" + name);
    EXPECT_FALSE(problem_title(type).empty()) << name;
    EXPECT_EQ(problem_type_from_uri(problem_type_uri(type)), type);
    seen.insert(name);
  }
  EXPECT_EQ(seen.size(), expected.size());
}

TEST(Problem, AllTypesFollowTheEnumOrder) {
  const auto& types = all_problem_types();
  EXPECT_EQ(types.front(), ProblemType::BadRequest);
  EXPECT_EQ(types[3], ProblemType::Validation);
  EXPECT_EQ(types.back(), ProblemType::Internal);
}

TEST(Problem, UnknownNamesAreNotTypes) {
  EXPECT_FALSE(problem_type_from_name("teapot"));
  EXPECT_FALSE(problem_type_from_uri("urn:other:validation"));
  EXPECT_FALSE(problem_type_from_uri("validation"));
}

TEST(Problem, MakeProblemTakesStatusAndTitleFromTheType) {
  const auto p = make_problem(ProblemType::NotFound, "No connector c_1.");
  EXPECT_EQ(p.status, 404);
  EXPECT_EQ(p.title, "Not found");
  EXPECT_EQ(p.detail, "No connector c_1.");
  EXPECT_TRUE(p.errors.empty());
}

TEST(Problem, JsonHasTheFourMembersAndNoErrorsWhenThereAreNone) {
  const auto j = to_json(make_problem(ProblemType::NotFound, "No connector c_1."));
  EXPECT_EQ(j, (nlohmann::json{{"type", "urn:datahub:problem:not-found"},
                               {"title", "Not found"},
                               {"status", 404},
                               {"detail", "No connector c_1."}}));
}

TEST(Problem, JsonListsFieldErrors) {
  const auto j = to_json(make_problem(
      ProblemType::Validation, "2 fields are not valid.",
      {{"auth.token_url", "must be an absolute http(s) URL"}, {"name", "is required"}}));
  ASSERT_TRUE(j.contains("errors"));
  ASSERT_EQ(j["errors"].size(), 2u);
  EXPECT_EQ(j["errors"][0], (nlohmann::json{{"field", "auth.token_url"},
                                            {"message", "must be an absolute http(s) URL"}}));
  EXPECT_EQ(j["status"], 422);
}

TEST(Problem, ExtensionsAreMergedButNeverReplaceStandardMembers) {
  auto p = make_problem(ProblemType::TokenError, "The token endpoint refused the client.");
  p.extensions = {{"oauth_error", "invalid_client"}, {"status", 200}, {"type", "x"}};
  const auto j = to_json(p);
  EXPECT_EQ(j["oauth_error"], "invalid_client");
  EXPECT_EQ(j["status"], 502);
  EXPECT_EQ(j["type"], "urn:datahub:problem:token-error");
}

TEST(Problem, RoundTripsThroughJson) {
  auto p = make_problem(ProblemType::Validation, "1 field is not valid.",
                        {{"headers[2].value", "must not contain CR, LF or NUL"}});
  p.extensions = {{"hint", "see the form"}};
  const auto back = problem_from_json(to_json(p), 422);
  EXPECT_EQ(back.type, ProblemType::Validation);
  EXPECT_EQ(back.status, 422);
  EXPECT_EQ(back.title, p.title);
  EXPECT_EQ(back.detail, p.detail);
  EXPECT_EQ(back.errors, p.errors);
  EXPECT_EQ(back.extensions, p.extensions);
}

TEST(Problem, ABodyThatIsNotAProblemBecomesInternalWithTheHttpStatus) {
  for (const auto& body : {nlohmann::json("Bad Gateway"), nlohmann::json::object(),
                           nlohmann::json{{"type", "about:blank"}}, nlohmann::json()}) {
    const auto p = problem_from_json(body, 502);
    EXPECT_EQ(p.type, ProblemType::Internal) << body;
    EXPECT_EQ(p.status, 502) << body;
    EXPECT_NE(p.detail.find("502"), std::string::npos) << p.detail;
  }
}

TEST(Problem, MalformedMembersOfAProblemGetSafeDefaults) {
  const nlohmann::json body = {{"type", "urn:datahub:problem:validation"},
                               {"status", "422"},
                               {"detail", 7},
                               {"errors", {{{"field", 1}, {"message", "is required"}}, "x"}}};
  const auto p = problem_from_json(body, 422);
  EXPECT_EQ(p.type, ProblemType::Validation);
  EXPECT_EQ(p.status, 422);
  EXPECT_EQ(p.detail, "");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].message, "is required");
}

TEST(Problem, AppendFieldErrorsSkipsFieldsAlreadyReported) {
  std::vector<FieldError> errors = {{"type", "must be \"api\""}};
  append_field_errors(errors, {{"type", "must be \"api\""}, {"name", "is required"}});
  EXPECT_EQ(errors,
            (std::vector<FieldError>{{"type", "must be \"api\""}, {"name", "is required"}}));
}

}  // namespace
}  // namespace datahub

namespace datahub {
namespace {

// One mapping for answers without a problem document (the web's fallback used its own).
TEST(ProblemTypeForStatus, TheCataloguesTypeForEachStatus) {
  EXPECT_EQ(problem_type_for_status(401), ProblemType::Unauthorized);
  EXPECT_EQ(problem_type_for_status(404), ProblemType::NotFound);
  EXPECT_EQ(problem_type_for_status(409), ProblemType::NameTaken);
  EXPECT_EQ(problem_type_for_status(412), ProblemType::PreconditionFailed);
  EXPECT_EQ(problem_type_for_status(422), ProblemType::Validation);
  EXPECT_EQ(problem_type_for_status(429), ProblemType::RateLimited);
  EXPECT_EQ(problem_type_for_status(418), ProblemType::BadRequest);
  EXPECT_EQ(problem_type_for_status(502), ProblemType::Internal);
  EXPECT_EQ(problem_type_for_status(500), ProblemType::Internal);
}

}  // namespace
}  // namespace datahub
