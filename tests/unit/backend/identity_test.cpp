// The small parts of people and access: the sign-in throttle's window, the session cookie's
// parsing, the route table's matching and the user input rules.
#include <gtest/gtest.h>

#include <vector>

#include "datahub/user.h"
#include "identity/password_hash.h"
#include "identity/session_cookie.h"
#include "identity/sign_in_throttle.h"
#include "route_access.h"

namespace datahub::backend {
namespace {

TEST(SignInThrottle, FiveFailuresWithinTheWindowThrottleUntilTheFirstAgesOut) {
  SignInThrottle t;
  for (int i = 0; i < 4; ++i) t.record_failure("ann", "10.0.0.1", 1000 + i);
  EXPECT_FALSE(t.retry_after("ann", "10.0.0.2", 1010));
  t.record_failure("ann", "10.0.0.1", 1004);
  auto wait = t.retry_after("ann", "10.0.0.2", 1010);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 1000 + SignInThrottle::kWindowSeconds - 1010);
  EXPECT_TRUE(t.retry_after("bob", "10.0.0.1", 1010)) << "the address is throttled too";
  EXPECT_FALSE(t.retry_after("ann", "10.0.0.2", 1000 + SignInThrottle::kWindowSeconds));
}

TEST(SignInThrottle, ASuccessClearsTheUsernameButNotTheAddress) {
  SignInThrottle t;
  for (int i = 0; i < 5; ++i) t.record_failure("ann", "10.0.0.1", 1000);
  t.clear_username("ann");
  EXPECT_FALSE(t.retry_after("ann", "10.0.0.2", 1001));
  EXPECT_TRUE(t.retry_after("ann", "10.0.0.1", 1001));
}

TEST(SignInThrottle, ConcurrentAttemptsAreCountedBeforeAnyVerdict) {
  SignInThrottle t;
  int admitted = 0;
  for (int i = 0; i < 40; ++i)
    if (!t.begin_attempt("ann", "10.0.0.1", 1000)) ++admitted;
  EXPECT_EQ(admitted, 5) << "no verdict yet, and still only five go on";
  t.forgive("ann", "10.0.0.1", 1000);
  EXPECT_FALSE(t.begin_attempt("ann", "10.0.0.1", 1001)) << "a forgiven attempt frees its place";
  EXPECT_TRUE(t.begin_attempt("ann", "10.0.0.1", 1001));
}

TEST(SignInThrottle, AnAttemptWithoutAnAddressCountsForTheUsernameOnly) {
  SignInThrottle t;
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(t.begin_attempt("ann", "", 1000));
  EXPECT_TRUE(t.begin_attempt("ann", "", 1000));
  EXPECT_FALSE(t.begin_attempt("bob", "", 1000)) << "no shared empty-address key";
}

TEST(SessionCookie, IsFoundAmongOtherCookies) {
  EXPECT_EQ(session_cookie_from("a=1; datahub_session=abc; b=2"), "abc");
  EXPECT_EQ(session_cookie_from("datahub_session=\"q\""), "q");
  EXPECT_FALSE(session_cookie_from("xdatahub_session=abc"));
  EXPECT_FALSE(session_cookie_from("datahub_session="));
  EXPECT_FALSE(session_cookie_from(""));
  EXPECT_EQ(set_session_cookie("v", true),
            "datahub_session=v; HttpOnly; SameSite=Strict; Path=/api; Secure");
}

TEST(RouteAccess, MatchesIdSegmentsAndRefusesAnUnlistedRoute) {
  RouteAccessTable table;
  table.add("POST", "/api/connectors/export", route_access("POST", "/api/connectors/export"));
  table.add("GET", "/api/connectors/{id}", route_access("GET", "/api/connectors/{id}"));
  ASSERT_NE(table.find("GET", "/api/connectors/c_1"), nullptr);
  EXPECT_EQ(table.find("HEAD", "/api/connectors/c_1")->access.role, Role::Viewer);
  EXPECT_EQ(table.find("POST", "/api/connectors/export")->access.role, Role::Editor);
  EXPECT_EQ(table.find("GET", "/api/connectors/c_1/x"), nullptr);
  EXPECT_EQ(table.find("GET", "/api/connectors/a.b"), nullptr);
  EXPECT_THROW(route_access("GET", "/api/nothing"), std::logic_error);
}

TEST(UserInput, NamesEveryBrokenField) {
  auto in = user_input_from_json(
      {{"username", "has space"}, {"role", "root"}, {"password", "short"}}, UserInputKind::Create);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.problem().status, 422);
  EXPECT_EQ(in.problem().errors.size(), 3u);
  auto typed = user_input_from_json({{"username", 7}, {"role", "viewer"}, {"password", "x"}},
                                    UserInputKind::Create);
  ASSERT_FALSE(typed);
  EXPECT_EQ(typed.problem().status, 400);
  auto ok = user_input_from_json({{"role", "editor"}, {"disabled", true}}, UserInputKind::Replace);
  ASSERT_TRUE(ok) << ok.problem().detail;
  EXPECT_EQ(ok->role, Role::Editor);
  EXPECT_TRUE(ok->disabled);
  EXPECT_FALSE(ok->password);
  EXPECT_TRUE(password_error(std::string(257, 'x')));
  EXPECT_FALSE(password_error(std::string(256, 'x')));
  EXPECT_FALSE(
      password_error("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
                     "\xa9\xc3\xa9\xc3\xa9"))
      << "12 characters in 24 bytes";
}

TEST(UserInput, NobodyIsCalledAdminToken) {
  EXPECT_EQ(username_error("Admin-Token"), "is reserved for the admin token");
  EXPECT_EQ(username_error("admin-tokens"), std::nullopt);
}

TEST(UserInput, ANullRoleIsRequiredNotIgnored) {
  auto in = user_input_from_json(
      {{"username", "ann"}, {"role", nullptr}, {"password", "a long enough one"}},
      UserInputKind::Create);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.problem().status, 422);
  ASSERT_EQ(in.problem().errors.size(), 1u);
  EXPECT_EQ(in.problem().errors[0].field, "role");
}

TEST(PasswordTurn, NoMoreThanCapacityAtOnceAndATurnComesBackWhenReleased) {
  std::vector<PasswordTurn> held;
  for (int i = 0; i < PasswordTurn::capacity(); ++i) {
    auto turn = PasswordTurn::wait_for(std::chrono::milliseconds(0));
    ASSERT_TRUE(turn) << "turn " << i;
    held.push_back(std::move(*turn));
  }
  EXPECT_FALSE(PasswordTurn::wait_for(std::chrono::milliseconds(10))) << "one over capacity";
  held.pop_back();
  EXPECT_TRUE(PasswordTurn::wait_for(std::chrono::milliseconds(0))) << "released on destruction";
}

}  // namespace
}  // namespace datahub::backend
