// People, roles and sessions end to end (docs/API.md, "Access", "People and sessions"): a real
// datahub-server, real sign-ins with cookies, every route tried by every role.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "fake_clock.h"
#include "people_fixture.h"

namespace datahub::testing {
namespace {

// [SECTION] First start

TEST_F(PeopleTest, TheSetupLinkMakesTheFirstAdminOnceAndSignsThemIn) {
  const std::string code = setup_code();
  ASSERT_FALSE(code.empty()) << m_server->output();
  EXPECT_EQ(call("POST", "/api/setup",
                 {{"code", "wrong"}, {"username", "root"}, {"password", kPassword}}, nullptr)
                .status,
            403);
  Reply weak = call("POST", "/api/setup",
                    {{"code", code}, {"username", "ro ot"}, {"password", "short"}}, nullptr);
  EXPECT_EQ(weak.status, 422) << weak.raw;
  EXPECT_EQ(weak.body["errors"].size(), 2u) << weak.raw;

  Reply r = call(
      "POST", "/api/setup",
      {{"code", code}, {"username", "Root"}, {"display_name", "The Root"}, {"password", kPassword}},
      nullptr);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["user"]["role"], "admin");
  EXPECT_EQ(r.body["user"]["display_name"], "The Root");
  EXPECT_FALSE(r.body["csrf_token"].get<std::string>().empty());
  const std::string cookie = r.header("Set-Cookie");
  EXPECT_NE(cookie.find("datahub_session="), std::string::npos) << cookie;
  for (const char* attribute : {"; HttpOnly", "; SameSite=Strict", "; Path=/api"})
    EXPECT_NE(cookie.find(attribute), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain http: " << cookie;

  const SignedIn root = session_of(r);
  Reply me = call("GET", "/api/session", nullptr, &root);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.body["user"]["username"], "Root");
  EXPECT_EQ(me.body["csrf_token"], root.csrf);

  Reply again = call("POST", "/api/setup",
                     {{"code", code}, {"username", "other"}, {"password", kPassword}}, nullptr);
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(problem_type(again), "urn:datahub:problem:setup-done");
  restart();
  EXPECT_EQ(m_server->output().find("#setup="), std::string::npos) << "a user exists now";
}

// [SECTION] The role matrix

TEST_F(PeopleTest, EveryRoleGetsEveryRouteItsRoleAllowsAndA403ForTheRest) {
  setup_admin();
  std::map<std::string, SignedIn> sessions;
  for (const auto& role : kRoles) {
    create_user("a-" + role, role);
    sessions[role] = sign_in("a-" + role);
  }
  for (const auto& c : route_cases()) {
    const std::string path = std::regex_replace(c.path, std::regex(R"(\{id\})"), "x_none");
    for (const auto& role : kRoles) {
      Reply r = call(c.method, path, c.body, &sessions[role]);
      const bool allowed = rank(role) >= rank(c.least);
      if (allowed) {
        EXPECT_NE(r.status, 403) << role << " " << c.method << " " << c.path << ": " << r.raw;
        EXPECT_NE(r.status, 401) << role << " " << c.method << " " << c.path << ": " << r.raw;
      } else {
        EXPECT_EQ(r.status, 403) << role << " " << c.method << " " << c.path << ": " << r.raw;
        EXPECT_EQ(problem_type(r), "urn:datahub:problem:forbidden") << r.raw;
      }
    }
  }
  // The admin token stays an admin.
  EXPECT_EQ(get("/api/users").status, 200);
}

// The matrix's table names every route the server documents (but the public ones and
// DELETE /api/session, which would sign the caller out, tried on its own below).
TEST_F(PeopleTest, TheRoleMatrixCoversEveryDocumentedRoute) {
  Reply doc = get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  std::set<std::string> covered;
  for (const auto& c : route_cases()) covered.insert(c.method + " " + c.path);
  for (const auto& [path, item] : doc.body["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      const std::string route = upper + " " + path;
      const bool is_public = op.contains("security") && op["security"].empty();
      if (is_public || route == "DELETE /api/session") continue;
      EXPECT_TRUE(covered.count(route)) << "not in the role matrix: " << route;
    }
  }
}

TEST_F(PeopleTest, AnEditorExportsWithoutSecretsButNotWithThem) {
  setup_admin();
  create_user("ed", "editor");
  const SignedIn ed = sign_in("ed");
  EXPECT_EQ(call("POST", "/api/connectors/export", json::object(), &ed).status, 200);
  Reply sealed =
      call("POST", "/api/connectors/export", {{"passphrase", "a long passphrase!"}}, &ed);
  EXPECT_EQ(sealed.status, 403) << sealed.raw;
}

// [SECTION] Sessions

TEST_F(PeopleTest, ASessionSurvivesARestartAndSignOutEndsIt) {
  setup_admin();
  create_user("vera", "viewer");
  const SignedIn vera = sign_in("vera");
  restart();
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &vera).status, 200);
  EXPECT_EQ(call("DELETE", "/api/session", nullptr, &vera).status, 204);
  Reply after = call("GET", "/api/connectors", nullptr, &vera);
  EXPECT_EQ(after.status, 401) << after.raw;
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, nullptr).status, 401);
  SignedIn forged{"datahub_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ""};
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &forged).status, 401);
}

TEST_F(PeopleTest, ACookieChangeNeedsTheSessionsCsrfToken) {
  const SignedIn root = setup_admin();
  const json body = no_auth_connector("ERP");
  Reply none = call("POST", "/api/connectors", body, &root, /*csrf=*/false);
  EXPECT_EQ(none.status, 403) << none.raw;
  EXPECT_EQ(problem_type(none), "urn:datahub:problem:csrf");
  SignedIn wrong = root;
  wrong.csrf = std::string(root.csrf.size(), 'A');
  EXPECT_EQ(call("POST", "/api/connectors", body, &wrong).status, 403);
  EXPECT_EQ(get("/api/connectors").body["total"], 0) << "nothing was created";
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &root, false).status, 200) << "reads need none";
  EXPECT_EQ(call("POST", "/api/connectors", body, &root).status, 201);
}

TEST_F(PeopleTest, DisablingAUserEndsTheirSessionsAtOnce) {
  setup_admin();
  const std::string id = create_user("olga", "operator");
  const SignedIn olga = sign_in("olga");
  ASSERT_EQ(call("GET", "/api/connectors", nullptr, &olga).status, 200);
  Reply user = get("/api/users/" + id);
  Reply off = put("/api/users/" + id, {{"role", "operator"}, {"disabled", true}},
                  {{"If-Match", user.header("ETag")}});
  ASSERT_EQ(off.status, 200) << off.raw;
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &olga).status, 401);
  EXPECT_EQ(sign_in_reply("olga", kPassword).status, 401) << "a disabled user cannot sign in";
}

TEST_F(PeopleTest, ARoleChangeEndsTheUsersSessions) {
  setup_admin();
  const std::string id = create_user("eddie", "editor");
  const SignedIn eddie = sign_in("eddie");
  Reply user = get("/api/users/" + id);
  ASSERT_EQ(
      put("/api/users/" + id, {{"role", "viewer"}}, {{"If-Match", user.header("ETag")}}).status,
      200);
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &eddie).status, 401);
  const SignedIn again = sign_in("eddie");
  EXPECT_EQ(call("POST", "/api/connectors", no_auth_connector("X"), &again).status, 403);
}

TEST_F(PeopleTest, ChangingOnesPasswordEndsOnesOtherSessions) {
  setup_admin();
  create_user("pat", "viewer");
  const SignedIn here = sign_in("pat");
  const SignedIn there = sign_in("pat");
  Reply wrong = call("POST", "/api/session/password",
                     {{"current", "not it at all"}, {"new", kSentinel}}, &here);
  EXPECT_EQ(wrong.status, 422) << wrong.raw;
  Reply ok =
      call("POST", "/api/session/password", {{"current", kPassword}, {"new", kSentinel}}, &here);
  ASSERT_EQ(ok.status, 204) << ok.raw;
  EXPECT_EQ(call("GET", "/api/session", nullptr, &here).status, 200);
  EXPECT_EQ(call("GET", "/api/session", nullptr, &there).status, 401);
  EXPECT_EQ(sign_in_reply("pat", kPassword).status, 401);
  EXPECT_EQ(sign_in_reply("pat", kSentinel).status, 200);
}

// [SECTION] Users

TEST_F(PeopleTest, UsernamesAreUniqueIgnoringCaseAndBadInputNamesEveryField) {
  create_user("Anna", "viewer");
  Reply dup =
      post("/api/users", {{"username", "anna"}, {"role", "viewer"}, {"password", kPassword}});
  EXPECT_EQ(dup.status, 409) << dup.raw;
  Reply bad = post("/api/users", {{"username", "a b"}, {"role", "boss"}, {"password", "short"}});
  EXPECT_EQ(bad.status, 422) << bad.raw;
  std::set<std::string> fields;
  for (const auto& e : bad.body["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"username", "role", "password"}));
  Reply listed = get("/api/users");
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_FALSE(listed.body["items"][0].contains("password"));
  EXPECT_FALSE(listed.body["items"][0].contains("password_hash"));
}

TEST_F(PeopleTest, AWrongJsonTypeIsA400AndAMissingMemberA422) {
  EXPECT_EQ(call("POST", "/api/session", {{"username", 7}, {"password", "x"}}, nullptr).status,
            400);
  EXPECT_EQ(call("POST", "/api/session", json::array({1}), nullptr).status, 400);
  EXPECT_EQ(call("POST", "/api/session", {{"username", "root"}}, nullptr).status, 422);
  EXPECT_EQ(call("POST", "/api/setup", {{"code", 7}, {"username", "root"}}, nullptr).status, 400);
  EXPECT_EQ(call("POST", "/api/setup", json::array({1}), nullptr).status, 400);
  EXPECT_EQ(call("POST", "/api/setup", {{"code", "abc"}, {"password", "short"}}, nullptr).status,
            403)
      << "a wrong code is told before any other member is looked at";
  Reply null_role =
      post("/api/users", {{"username", "nora"}, {"role", nullptr}, {"password", kPassword}});
  EXPECT_EQ(null_role.status, 422) << null_role.raw;
  const SignedIn root = setup_admin();
  EXPECT_EQ(call("POST", "/api/session/password", {{"current", 5}, {"new", nullptr}}, &root).status,
            400);
}

TEST_F(PeopleTest, TheLastEnabledAdminCannotBeRemovedDisabledOrDemoted) {
  const std::string root = create_user("root2", "admin");
  Reply user = get("/api/users/" + root);
  const httplib::Headers match = {{"If-Match", user.header("ETag")}};
  Reply demote = put("/api/users/" + root, {{"role", "editor"}}, match);
  EXPECT_EQ(demote.status, 409) << demote.raw;
  EXPECT_EQ(problem_type(demote), "urn:datahub:problem:last-admin");
  EXPECT_EQ(put("/api/users/" + root, {{"role", "admin"}, {"disabled", true}}, match).status, 409);
  EXPECT_EQ(del("/api/users/" + root).status, 409);

  create_user("second", "admin");
  EXPECT_EQ(put("/api/users/" + root, {{"role", "editor"}}, match).status, 200);
  EXPECT_EQ(get("/api/users/" + root).body["role"], "editor");
}

// [SECTION] Throttling

TEST_F(PeopleTest, FiveFailuresForAUsernameThrottleItEvenWithTheRightPassword) {
  create_user("tom", "viewer");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(sign_in_reply("tom", "wrong password " + std::to_string(i)).status, 401);
  Reply r = sign_in_reply("tom", kPassword);
  EXPECT_EQ(r.status, 429) << r.raw;
  EXPECT_EQ(problem_type(r), "urn:datahub:problem:too-many-attempts");
  const int retry_after = std::atoi(r.header("Retry-After").c_str());
  EXPECT_GT(retry_after, 800);
  EXPECT_LE(retry_after, 900);
}

TEST_F(PeopleTest, ConcurrentGuessesGetNoMoreThanFiveVerdicts) {
  create_user("ros", "viewer");
  std::atomic<int> wrong{0}, refused{0};
  std::vector<std::thread> guessers;
  for (int i = 0; i < 24; ++i) {
    guessers.emplace_back([&, i] {
      httplib::Client cli = anonymous();
      const json body = {{"username", "ros"}, {"password", "guess number " + std::to_string(i)}};
      auto r = cli.Post("/api/session", body.dump(), "application/json");
      if (r && r->status == 401) ++wrong;
      if (r && (r->status == 429 || r->status == 503)) ++refused;
    });
  }
  for (auto& g : guessers) g.join();
  EXPECT_LE(wrong.load(), 5) << "each guess is counted before any is verified";
  EXPECT_EQ(wrong.load() + refused.load(), 24);
  // (A guess told "busy" reached no verdict and is not counted.)
  if (wrong.load() == 5) {
    EXPECT_EQ(sign_in_reply("ros", kPassword).status, 429) << "the right password comes too late";
  }
}

TEST_F(PeopleTest, AnUnknownUsernameAnswersLikeAWrongPasswordInLikeTime) {
  create_user("kim", "viewer");
  using clock = std::chrono::steady_clock;
  auto time_of = [&](const std::string& username, Reply& out) {
    const auto start = clock::now();
    out = sign_in_reply(username, "not the password");
    return std::chrono::duration<double>(clock::now() - start).count();
  };
  Reply known, unknown;
  const double known_s = time_of("kim", known);
  const double unknown_s = time_of("nobody-here", unknown);
  EXPECT_EQ(known.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(known.body["detail"], unknown.body["detail"]);
  // Both verify one Argon2id hash (tens of milliseconds); a skipped check would be ~1 ms.
  EXPECT_GT(unknown_s, known_s * 0.4) << known_s << " s vs " << unknown_s << " s";
}

TEST_F(PeopleTest, FiveFailuresFromOneAddressThrottleEveryUsername) {
  create_user("una", "viewer");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(sign_in_reply("guess" + std::to_string(i), "whatever it is").status, 401);
  EXPECT_EQ(sign_in_reply("una", kPassword).status, 429);
}

// [SECTION] The sentinel password

TEST_F(PeopleTest, APasswordNeverAppearsInAnAnswerALogLineOrTheDataFile) {
  Reply setup =
      call("POST", "/api/setup",
           {{"code", setup_code()}, {"username", "root"}, {"password", kSentinel}}, nullptr);
  ASSERT_EQ(setup.status, 201);
  const SignedIn root = session_of(setup);
  create_user("sam", "editor", kSentinel);
  sign_in("sam", kSentinel);
  sign_in_reply("sam", kSentinel + "x");
  sign_in_reply("nobody", kSentinel);
  call("POST", "/api/users",
       {{"username", "bad name"}, {"role", "viewer"}, {"password", kSentinel}}, &root);
  call("GET", "/api/users", nullptr, &root);
  call("POST", "/api/session/password", {{"current", kSentinel}, {"new", kSentinel + "2"}}, &root);
  restart();
  EXPECT_EQ(m_seen.find(kSentinel), std::string::npos) << "in an answer";
  EXPECT_EQ(m_server->output().find(kSentinel), std::string::npos) << "in the log";
  const std::string data = read_file(m_config.data_dir + "/data.mdb");
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.find(kSentinel), std::string::npos) << "in the data file";
  EXPECT_NE(data.find("$argon2id$"), std::string::npos) << "the hashes are there";
}

// [SECTION] Expiry, with the server's wall clock moved by libfaketime

class SessionExpiryTest : public PeopleTest {
 protected:
  void SetUp() override {
    if (auto why = FakeClock::unavailable()) GTEST_SKIP() << *why;
    m_dir = std::make_unique<TempDir>();
    m_clock = std::make_unique<FakeClock>(m_dir->path());
    ServerConfig config;
    config.env = m_clock->server_env();
    start(config);
  }
  // Moves the server's wall clock `seconds` ahead of the real one.
  void set_offset(long seconds) { m_clock->set_offset(seconds); }
  std::unique_ptr<FakeClock> m_clock;
};

TEST_F(SessionExpiryTest, ASessionEndsAfterThirtyIdleMinutes) {
  setup_admin();
  create_user("ivy", "viewer");
  const SignedIn ivy = sign_in("ivy");
  set_offset(29 * 60);
  EXPECT_EQ(call("GET", "/api/session", nullptr, &ivy).status, 200) << "29 idle minutes";
  set_offset(29 * 60 + 29 * 60);
  EXPECT_EQ(call("GET", "/api/session", nullptr, &ivy).status, 200) << "used 29 minutes ago";
  set_offset(29 * 60 + 29 * 60 + 31 * 60);
  EXPECT_EQ(call("GET", "/api/session", nullptr, &ivy).status, 401) << "31 idle minutes";
}

TEST_F(SessionExpiryTest, ASessionEndsTwelveHoursAfterSignInHoweverBusy) {
  setup_admin();
  create_user("abe", "viewer");
  const SignedIn abe = sign_in("abe");
  // A request every 25 minutes, the last 5 minutes before the 12 hours are up.
  std::vector<long> offsets;
  for (long t = 25 * 60; t < 12 * 3600 - 10 * 60; t += 25 * 60) offsets.push_back(t);
  offsets.push_back(12 * 3600 - 5 * 60);
  for (long offset : offsets) {
    set_offset(offset);
    ASSERT_EQ(call("GET", "/api/session", nullptr, &abe).status, 200) << offset << " s";
  }
  set_offset(12 * 3600 + 60);
  EXPECT_EQ(call("GET", "/api/session", nullptr, &abe).status, 401);
}

}  // namespace
}  // namespace datahub::testing
