// Signing in (docs/UI.md, "Sign in"): the address's links, and SessionState against the fake
// platform's answers. Nothing is stored in the browser: the FakePlatform has no storage at all.
#include "login.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "fake_platform.h"
#include "session_state.h"

namespace datahub::web {
namespace {

std::string Header(const HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

TEST(Login, TokenFromHashTakesTheTokenPercentDecoded) {
  EXPECT_EQ(TokenFromHash("#token=abc123"), "abc123");
  EXPECT_EQ(TokenFromHash("#token=a%2Bb%3D"), "a+b=");
  EXPECT_EQ(TokenFromHash("#token=abc&x=1"), "abc");
  EXPECT_EQ(TokenFromHash("#/connectors"), "");
  EXPECT_EQ(TokenFromHash(""), "");
  EXPECT_EQ(TokenFromHash("#token="), "");
  EXPECT_EQ(TokenFromHash("#tokenx=abc"), "");
  EXPECT_EQ(SetupCodeFromHash("#setup=Ab_9-z"), "Ab_9-z");
  EXPECT_EQ(SsoErrorFromHash("#sso_error=access_denied"), "access_denied");
}

struct Session : ::testing::Test {
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  SessionState session{api, platform};

  void SignedOut() {
    platform.session_status = 401;
    platform.session_body = "";
  }
  // Answers the oldest request that is not the SSO question (asked whenever Sign in shows).
  void AnswerSsoQuestion(bool sso) {
    ASSERT_FALSE(platform.pending.empty());
    ASSERT_EQ(platform.pending.front().request.url, "/api/session/options");
    platform.Answer(sso ? 200 : 404, sso ? R"({"sso":true})" : "");
  }
};

TEST_F(Session, TheTokenLinkIsExchangedForASessionAndLeavesTheAddressBar) {
  platform.hash = "#token=s3cret";
  session.Start("#/connectors");
  ASSERT_EQ(platform.sessions_asked.size(), 1u);
  const HttpRequest& r = platform.sessions_asked[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(nlohmann::json::parse(r.body), nlohmann::json({{"token", "s3cret"}}));
  // Replaced, not pushed: "back" never returns to the address with the token.
  EXPECT_EQ(platform.hash, "#/connectors");
  EXPECT_TRUE(platform.history.empty());
  EXPECT_TRUE(session.SignedIn());
  EXPECT_EQ(session.CurrentUser().display_name, "Ada Admin");
  EXPECT_EQ(session.CurrentRole(), Role::Admin);
  // The CSRF token from the answer goes with the next change, from memory.
  api.DeleteConnector("c_1", [](Result<Done>) {});
  EXPECT_EQ(Header(platform.pending.back().request, "X-CSRF-Token"), "csrf-1");
}

TEST_F(Session, ARefusedTokenLinkShowsSignInWithAMessage) {
  platform.hold_session = true;
  platform.hash = "#token=wrong";
  session.Start("#/connectors");
  EXPECT_EQ(session.Phase(), SessionPhase::Checking);
  platform.Answer(401, "");
  EXPECT_EQ(session.Phase(), SessionPhase::SignIn);
  EXPECT_NE(session.Notice().find("token was not accepted"), std::string::npos);
  EXPECT_EQ(platform.hash, "#/connectors");
}

TEST_F(Session, OnLoadTheServerSaysWhoIsSignedIn) {
  platform.hash = "#/connectors";
  session.Start("#/connectors");
  ASSERT_EQ(platform.sessions_asked.size(), 1u);
  EXPECT_EQ(platform.sessions_asked[0].method, "GET");
  EXPECT_TRUE(session.SignedIn());
}

TEST_F(Session, NobodySignedInShowsSignInAndAsksWhetherSsoIsOffered) {
  SignedOut();
  session.Start("#/connectors");
  EXPECT_EQ(session.Phase(), SessionPhase::SignIn);
  EXPECT_TRUE(session.Notice().empty());
  AnswerSsoQuestion(true);
  EXPECT_TRUE(session.SsoOffered());
  session.StartSso();
  EXPECT_EQ(platform.left_for, "/api/session/sso");
}

TEST_F(Session, NoSsoRouteMeansNoSsoButton) {
  SignedOut();
  session.Start("#/connectors");
  AnswerSsoQuestion(false);
  EXPECT_FALSE(session.SsoOffered());
}

TEST_F(Session, EmptyFieldsAreSaidUnderThemAndNothingIsSent) {
  SignedOut();
  session.Start("#/connectors");
  AnswerSsoQuestion(false);
  session.SubmitSignIn();
  EXPECT_EQ(session.SignInForm().errors["username"], "is required");
  EXPECT_EQ(session.SignInForm().errors["password"], "is required");
  EXPECT_TRUE(platform.pending.empty());
}

TEST_F(Session, WrongCredentialsShowTheServersWordsAndClearThePassword) {
  SignedOut();
  session.Start("#/connectors");
  AnswerSsoQuestion(false);
  session.SignInForm()["username"] = "ada";
  session.SignInForm()["password"] = "not the password";
  session.SubmitSignIn();
  ASSERT_EQ(platform.pending.size(), 1u);
  const HttpRequest& r = platform.pending.front().request;
  EXPECT_EQ(nlohmann::json::parse(r.body),
            nlohmann::json({{"username", "ada"}, {"password", "not the password"}}));
  platform.Answer(401, R"({"type":"urn:datahub:problem:unauthorized","title":"Unauthorized",
    "status":401,"detail":"Wrong username or password."})");
  EXPECT_EQ(session.Phase(), SessionPhase::SignIn);
  ASSERT_TRUE(session.SignInForm().problem);
  EXPECT_EQ(session.SignInForm().problem->detail, "Wrong username or password.");
  EXPECT_EQ(session.SignInForm()["password"], "");
  EXPECT_EQ(session.SignInForm()["username"], "ada");
  EXPECT_FALSE(api.TakeSessionLost()) << "a refused sign-in is no ended session";
}

TEST_F(Session, TooManyAttemptsSaysTheWait) {
  SignedOut();
  session.Start("#/connectors");
  AnswerSsoQuestion(false);
  session.SignInForm()["username"] = "ada";
  session.SignInForm()["password"] = "guess guess guess";
  session.SubmitSignIn();
  platform.Answer(429, R"({"type":"urn:datahub:problem:too-many-attempts","title":"Too many",
    "status":429,"detail":"Too many failed sign-ins: try again in 840 s.","retry_after":840})");
  ASSERT_TRUE(session.SignInForm().problem);
  EXPECT_EQ(session.SignInForm().problem->detail, "Too many failed sign-ins: try again in 840 s.");
}

TEST_F(Session, SigningInKeepsTheCsrfTokenInMemory) {
  SignedOut();
  session.Start("#/connectors");
  AnswerSsoQuestion(false);
  session.SignInForm()["username"] = "vic";
  session.SignInForm()["password"] = "a long password";
  session.SubmitSignIn();
  platform.Answer(200, R"({"user":{"id":"u_2","username":"vic","display_name":"Vic Viewer",
    "role":"viewer"},"csrf_token":"csrf-2"})");
  EXPECT_TRUE(session.SignedIn());
  EXPECT_TRUE(session.TakeChanged());
  EXPECT_EQ(session.CurrentRole(), Role::Viewer);
  EXPECT_EQ(session.SignInForm()["password"], "") << "the typed password is not kept";
  api.DeleteConnector("c_1", [](Result<Done>) {});
  EXPECT_EQ(Header(platform.pending.back().request, "X-CSRF-Token"), "csrf-2");
}

TEST_F(Session, SignOutForgetsTheSessionAtOnce) {
  session.Start("#/connectors");
  ASSERT_TRUE(session.SignedIn());
  session.SignOut();
  ASSERT_FALSE(platform.pending.empty());
  EXPECT_EQ(platform.pending.front().request.method, "DELETE");
  EXPECT_EQ(platform.pending.front().request.url, "/api/session");
  EXPECT_EQ(Header(platform.pending.front().request, "X-CSRF-Token"), "csrf-1");
  EXPECT_EQ(session.Phase(), SessionPhase::SignIn);
  EXPECT_EQ(session.CurrentUser().username, "");
  api.DeleteConnector("c_1", [](Result<Done>) {});
  EXPECT_EQ(Header(platform.pending.back().request, "X-CSRF-Token"), "");
}

TEST_F(Session, AnEndedSessionReturnsToSignInWithAMessage) {
  session.Start("#/connectors");
  session.SessionEnded();
  EXPECT_EQ(session.Phase(), SessionPhase::SignIn);
  EXPECT_NE(session.Notice().find("session has ended"), std::string::npos);
}

TEST_F(Session, TheSetupLinkOpensTheFirstAdministratorsForm) {
  SignedOut();
  platform.hash = "#setup=c0de";
  session.Start("#/connectors");
  EXPECT_EQ(session.Phase(), SessionPhase::Setup);
  EXPECT_EQ(platform.hash, "#/connectors") << "the code leaves the address bar";
  PeopleForm& f = session.SetupForm();
  f["username"] = "root";
  f["display_name"] = "Root";
  f["password"] = "short";
  f["confirm"] = "other";
  session.SubmitSetup();
  EXPECT_EQ(f.errors["password"], "must be at least 12 characters");
  EXPECT_EQ(f.errors["confirm"], "does not match the password");
  EXPECT_TRUE(platform.pending.empty());

  f["password"] = f["confirm"] = "a long enough password";
  session.SubmitSetup();
  ASSERT_EQ(platform.pending.size(), 1u);
  const HttpRequest& r = platform.pending.front().request;
  EXPECT_EQ(r.url, "/api/setup");
  EXPECT_EQ(nlohmann::json::parse(r.body),
            nlohmann::json({{"code", "c0de"},
                            {"username", "root"},
                            {"display_name", "Root"},
                            {"password", "a long enough password"}}));
  platform.Answer(201, R"({"user":{"id":"u_1","username":"root","display_name":"Root",
    "role":"admin"},"csrf_token":"csrf-3"})");
  EXPECT_TRUE(session.SignedIn());
  EXPECT_EQ(session.CurrentRole(), Role::Admin);
}

TEST_F(Session, AUsedSetupLinkSaysSo) {
  SignedOut();
  platform.hash = "#setup=used";
  session.Start("#/connectors");
  PeopleForm& f = session.SetupForm();
  f["username"] = "root";
  f["display_name"] = "Root";
  f["password"] = f["confirm"] = "a long enough password";
  session.SubmitSetup();
  platform.Answer(403, R"({"type":"urn:datahub:problem:forbidden","title":"Forbidden",
    "status":403,"detail":"The setup code is not valid."})");
  ASSERT_TRUE(f.problem);
  EXPECT_NE(f.problem->detail.find("already used or has expired"), std::string::npos);
  session.SubmitSetup();
  platform.Answer(409, R"({"type":"urn:datahub:problem:setup-done","title":"Set up",
    "status":409,"detail":"A user exists."})");
  ASSERT_TRUE(f.problem);
  EXPECT_NE(f.problem->detail.find("already exists"), std::string::npos);
}

TEST_F(Session, TheServersFieldErrorsLandUnderTheirFields) {
  SignedOut();
  platform.hash = "#setup=c0de";
  session.Start("#/connectors");
  PeopleForm& f = session.SetupForm();
  f["username"] = "root";
  f["display_name"] = "Root";
  f["password"] = f["confirm"] = "a long enough password";
  session.SubmitSetup();
  platform.Answer(422, R"({"type":"urn:datahub:problem:validation","title":"Validation failed",
    "status":422,"detail":"1 field","errors":[{"field":"username","message":"is taken"}]})");
  EXPECT_EQ(f.errors["username"], "is taken");
  EXPECT_FALSE(f.problem) << "said under the field, not twice";
}

TEST_F(Session, AnSsoRefusalComesBackAsAMessage) {
  SignedOut();
  platform.hash = "#sso_error=access_denied";
  session.Start("#/connectors");
  EXPECT_EQ(session.Phase(), SessionPhase::SignIn);
  EXPECT_NE(session.Notice().find("did not let you in"), std::string::npos);
  EXPECT_EQ(platform.hash, "#/connectors");
}

}  // namespace
}  // namespace datahub::web
