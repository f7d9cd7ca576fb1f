// API tokens, sessions opened with a token, and the actor of each change, end to end
// (docs/API.md, "People and access"): a real datahub-server, real tokens and cookies.
#include <ctime>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "fake_clock.h"
#include "people_fixture.h"

namespace datahub::testing {
namespace {

class TokensTest : public PeopleTest {
 protected:
  Reply token_sign_in(const std::string& token) {
    return call("POST", "/api/session", {{"token", token}}, nullptr);
  }

  // A token made with the admin token (asserting 201): {"id", "token", ...}.
  json make_token(const json& body) {
    Reply r = remember(post("/api/tokens", body));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body;
  }
  json make_token(const std::string& name, const std::string& role,
                  const json& connector_ids = nullptr) {
    return make_token({{"name", name}, {"role", role}, {"connector_ids", connector_ids}});
  }

  Reply as(const json& token, const std::string& method, const std::string& path,
           const json& body = nullptr) {
    return call_bearer(method, path, body, token.value("token", ""));
  }

  json listed(const json& token) {
    const Reply list = get("/api/tokens");
    for (const auto& t : list.body["items"])
      if (t["id"] == token["id"]) return t;
    return nullptr;
  }
};

std::set<std::string> fields_of(const Reply& r) {
  std::set<std::string> out;
  if (r.body.is_object() && r.body.contains("errors"))
    for (const auto& e : r.body["errors"]) out.insert(e.value("field", ""));
  return out;
}

std::string rfc3339_in(long seconds) {
  const std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// [SECTION] Sessions opened with a token

TEST_F(TokensTest, TheAdminTokenOpensAnAdminSessionWithItsCsrfToken) {
  Reply r = token_sign_in(ServerProcess::admin_token());
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["user"]["id"], "admin-token");
  EXPECT_EQ(r.body["user"]["role"], "admin");
  const std::string cookie = r.header("Set-Cookie");
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  const SignedIn admin = session_of(r);
  ASSERT_FALSE(admin.csrf.empty());

  Reply me = call("GET", "/api/session", nullptr, &admin);
  EXPECT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body["user"]["id"], "admin-token");
  EXPECT_EQ(me.body["csrf_token"], admin.csrf);
  EXPECT_EQ(call("GET", "/api/users", nullptr, &admin).status, 200) << "an admin";
  EXPECT_EQ(call("POST", "/api/connectors", no_auth_connector("A"), &admin, false).status, 403)
      << "a cookie change needs the CSRF token";
  EXPECT_EQ(call("POST", "/api/connectors", no_auth_connector("A"), &admin).status, 201);

  restart();
  EXPECT_EQ(call("GET", "/api/session", nullptr, &admin).status, 200) << "survives a restart";
  EXPECT_EQ(call("DELETE", "/api/session", nullptr, &admin).status, 204);
  EXPECT_EQ(call("GET", "/api/session", nullptr, &admin).status, 401) << "signed out";
}

TEST_F(TokensTest, AWrongTokenIsRefusedAndCountsAgainstTheAddress) {
  for (int i = 0; i < 5; ++i) {
    Reply r = token_sign_in("not-the-token-" + std::to_string(i));
    EXPECT_EQ(r.status, 401) << r.raw;
    EXPECT_TRUE(r.header("Set-Cookie").empty());
  }
  Reply r = token_sign_in(ServerProcess::admin_token());
  EXPECT_EQ(r.status, 429) << r.raw;
  EXPECT_FALSE(r.header("Retry-After").empty());
  EXPECT_EQ(token_sign_in("").status, 429);
  EXPECT_EQ(call("POST", "/api/session", {{"token", 42}}, nullptr).status, 400);
}

// [SECTION] Creating, listing, revoking

TEST_F(TokensTest, ATokenIsShownOnceStoredHashedAndWorksAsABearerToken) {
  const json token = make_token("ci", "viewer");
  const std::string secret = token.value("token", "");
  ASSERT_EQ(secret.rfind("dht_", 0), 0u) << token;
  EXPECT_GE(secret.size(), 4u + 43u) << "256 random bits";
  EXPECT_EQ(token["role"], "viewer");
  EXPECT_TRUE(token["last_used_at"].is_null());
  EXPECT_EQ(token["owner"]["id"], "admin-token");

  Reply list = get("/api/tokens");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["items"].size(), 1u);
  const json& item = list.body["items"][0];
  for (const char* member :
       {"id", "name", "role", "connector_ids", "expires_at", "created_at", "last_used_at", "owner"})
    EXPECT_TRUE(item.contains(member)) << member << ": " << item;
  EXPECT_FALSE(item.contains("token"));
  EXPECT_EQ(list.raw.find(secret), std::string::npos) << "never shown again";
  EXPECT_EQ(list.raw.find(secret.substr(4)), std::string::npos);

  Reply mine = as(token, "GET", "/api/session");
  EXPECT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["user"]["role"], "viewer");
  EXPECT_EQ(mine.body["user"]["token"]["name"], "ci");
  EXPECT_EQ(as(token, "GET", "/api/connectors").status, 200);
  EXPECT_EQ(as(token, "POST", "/api/connectors", no_auth_connector("X")).status, 403)
      << "a viewer token";
  EXPECT_EQ(call_bearer("GET", "/api/connectors", nullptr, secret + "x").status, 401);

  restart();
  EXPECT_EQ(as(token, "GET", "/api/connectors").status, 200) << "survives a restart";
  const std::string data = read_file(m_config.data_dir + "/data.mdb");
  EXPECT_EQ(data.find(secret.substr(4)), std::string::npos) << "the token in the data file";
  EXPECT_NE(data.find(token["id"].get<std::string>()), std::string::npos) << "its record is there";
}

TEST_F(TokensTest, BadInputNamesEveryBrokenField) {
  Reply bad = post("/api/tokens", {{"name", ""},
                                   {"role", "boss"},
                                   {"connector_ids", {"c_ok", "not an id!"}},
                                   {"expires_at", rfc3339_in(-60)}});
  EXPECT_EQ(bad.status, 422) << bad.raw;
  EXPECT_EQ(fields_of(bad), (std::set<std::string>{"name", "role", "connector_ids[0]",
                                                   "connector_ids[1]", "expires_at"}));
  Reply long_name = post("/api/tokens", {{"name", std::string(101, 'n')}, {"role", "viewer"}});
  EXPECT_EQ(long_name.status, 422) << long_name.raw;
  EXPECT_EQ(post("/api/tokens", {{"name", std::string(100, 'n')}, {"role", "viewer"}}).status, 201);
  EXPECT_EQ(post("/api/tokens", {{"name", "x"}, {"role", "viewer"}, {"expires_at", "soon"}}).status,
            422);
  // Past the clock's range (2262) it once read as "in the past"; far times have their own words.
  for (const char* far : {"2300-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    Reply later = post("/api/tokens", {{"name", "x"}, {"role", "viewer"}, {"expires_at", far}});
    EXPECT_EQ(later.status, 422) << far;
    EXPECT_NE(later.raw.find("at most 100 years ahead"), std::string::npos) << later.raw;
  }
  EXPECT_EQ(
      post("/api/tokens", {{"name", "x"}, {"role", "viewer"}, {"connector_ids", json::array()}})
          .status,
      422);
  // Well-formed ids of connectors that do not exist: a token limited to nothing is refused.
  Reply unknown = post(
      "/api/tokens",
      {{"name", "x"}, {"role", "viewer"}, {"connector_ids", json::array({"c_doesnotexist0000"})}});
  EXPECT_EQ(unknown.status, 422) << unknown.raw;
  EXPECT_EQ(fields_of(unknown), (std::set<std::string>{"connector_ids[0]"}));
  Reply typed = post("/api/tokens", {{"name", 7}, {"role", "viewer"}, {"connector_ids", "c_1"}});
  EXPECT_EQ(typed.status, 400) << typed.raw;
  EXPECT_EQ(fields_of(typed), (std::set<std::string>{"name", "connector_ids"}));
}

TEST_F(TokensTest, ARoleIsNeverAboveTheCreatorsAndATokenCannotMakeTokensOrManageUsers) {
  setup_admin();
  create_user("ed", "editor");
  const SignedIn ed = sign_in("ed");
  Reply above = call("POST", "/api/tokens", {{"name", "t"}, {"role", "admin"}}, &ed);
  EXPECT_EQ(above.status, 403) << above.raw;
  EXPECT_EQ(problem_type(above), "urn:datahub:problem:forbidden");
  Reply same = call("POST", "/api/tokens", {{"name", "t"}, {"role", "editor"}}, &ed);
  ASSERT_EQ(same.status, 201) << same.raw;
  EXPECT_EQ(same.body["owner"]["name"], "ed");

  const json admin = make_token("automation", "admin");
  for (const json* token : {static_cast<const json*>(&same.body), &admin}) {
    EXPECT_EQ(as(*token, "POST", "/api/tokens", {{"name", "t2"}, {"role", "viewer"}}).status, 403);
    EXPECT_EQ(as(*token, "GET", "/api/tokens").status, 403);
    EXPECT_EQ(as(*token, "DELETE", "/api/tokens/" + same.body["id"].get<std::string>()).status,
              403);
    EXPECT_EQ(as(*token, "GET", "/api/users").status, 403);
    EXPECT_EQ(as(*token, "POST", "/api/users",
                 {{"username", "x"}, {"role", "viewer"}, {"password", kPassword}})
                  .status,
              403);
  }
  EXPECT_EQ(as(admin, "GET", "/api/connectors").status, 200) << "an admin token otherwise";
  // Through a session opened with the token, the same.
  Reply opened = token_sign_in(admin["token"]);
  ASSERT_EQ(opened.status, 200) << opened.raw;
  const SignedIn via = session_of(opened);
  EXPECT_EQ(call("GET", "/api/users", nullptr, &via).status, 403);
  EXPECT_EQ(call("POST", "/api/tokens", {{"name", "t3"}, {"role", "viewer"}}, &via).status, 403);
}

TEST_F(TokensTest, OnesOwnTokensAreListedAndRevokedAnAdminSeesAll) {
  setup_admin();
  create_user("ann", "viewer");
  create_user("bob", "viewer");
  const SignedIn ann = sign_in("ann");
  const SignedIn bob = sign_in("bob");
  Reply a = call("POST", "/api/tokens", {{"name", "ann's"}, {"role", "viewer"}}, &ann);
  ASSERT_EQ(a.status, 201) << a.raw;
  const std::string path = "/api/tokens/" + a.body["id"].get<std::string>();
  EXPECT_EQ(call("GET", "/api/tokens", nullptr, &bob).body["items"].size(), 0u);
  EXPECT_EQ(call("DELETE", path, nullptr, &bob).status, 404) << "not bob's";
  EXPECT_EQ(call("GET", "/api/tokens", nullptr, &ann).body["items"].size(), 1u);
  Reply all = get("/api/tokens");
  ASSERT_EQ(all.body["items"].size(), 1u);
  EXPECT_EQ(all.body["items"][0]["owner"]["name"], "ann");
  EXPECT_EQ(as(a.body, "GET", "/api/connectors").status, 200);
  EXPECT_EQ(call("DELETE", path, nullptr, &ann).status, 204);
  EXPECT_EQ(call("DELETE", path, nullptr, &ann).status, 404);
  EXPECT_EQ(as(a.body, "GET", "/api/connectors").status, 401) << "revoked at once";
}

TEST_F(TokensTest, RevokingATokenEndsItAndTheSessionsOpenedWithIt) {
  const json token = make_token("to-revoke", "operator");
  Reply opened = token_sign_in(token["token"]);
  ASSERT_EQ(opened.status, 200) << opened.raw;
  EXPECT_EQ(opened.body["user"]["role"], "operator");
  EXPECT_EQ(opened.body["user"]["token"]["id"], token["id"]);
  const SignedIn via = session_of(opened);
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &via).status, 200);
  EXPECT_EQ(call("POST", "/api/connectors", no_auth_connector("X"), &via).status, 403)
      << "the token's role, through the session";
  ASSERT_EQ(del("/api/tokens/" + token["id"].get<std::string>()).status, 204);
  EXPECT_EQ(as(token, "GET", "/api/connectors").status, 401);
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &via).status, 401);
  EXPECT_EQ(token_sign_in(token["token"]).status, 401);
}

TEST_F(TokensTest, AnOwnersDisablingOrRemovalEndsTheirTokensAtOnce) {
  setup_admin();
  const std::string olga_id = create_user("olga", "operator");
  const std::string oleg_id = create_user("oleg", "operator");
  const SignedIn olga_in = sign_in("olga"), oleg_in = sign_in("oleg");
  Reply olga = call("POST", "/api/tokens", {{"name", "o"}, {"role", "operator"}}, &olga_in);
  Reply oleg = call("POST", "/api/tokens", {{"name", "o"}, {"role", "operator"}}, &oleg_in);
  ASSERT_EQ(olga.status, 201);
  ASSERT_EQ(oleg.status, 201);
  EXPECT_EQ(as(olga.body, "GET", "/api/connectors").status, 200);
  Reply user = get("/api/users/" + olga_id);
  ASSERT_EQ(put("/api/users/" + olga_id, {{"role", "operator"}, {"disabled", true}},
                {{"If-Match", user.header("ETag")}})
                .status,
            200);
  EXPECT_EQ(as(olga.body, "GET", "/api/connectors").status, 401) << "owner disabled";
  EXPECT_EQ(as(oleg.body, "GET", "/api/connectors").status, 200);
  ASSERT_EQ(del("/api/users/" + oleg_id).status, 204);
  EXPECT_EQ(as(oleg.body, "GET", "/api/connectors").status, 401) << "owner removed";
  EXPECT_EQ(get("/api/tokens").body["items"].size(), 1u) << "the removed owner's tokens go too";
}

TEST_F(TokensTest, ADemotedOwnersTokensAreNoStrongerThanTheOwner) {
  setup_admin();
  const std::string id = create_user("eve", "editor");
  const SignedIn eve = sign_in("eve");
  Reply t = call("POST", "/api/tokens", {{"name", "e"}, {"role", "editor"}}, &eve);
  ASSERT_EQ(t.status, 201);
  EXPECT_EQ(as(t.body, "POST", "/api/connectors", no_auth_connector("E1")).status, 201);
  Reply user = get("/api/users/" + id);
  ASSERT_EQ(
      put("/api/users/" + id, {{"role", "viewer"}}, {{"If-Match", user.header("ETag")}}).status,
      200);
  EXPECT_EQ(as(t.body, "POST", "/api/connectors", no_auth_connector("E2")).status, 403);
  EXPECT_EQ(as(t.body, "GET", "/api/connectors").status, 200);
}

TEST_F(TokensTest, LastUseIsRecorded) {
  const json token = make_token("used", "viewer");
  EXPECT_TRUE(listed(token)["last_used_at"].is_null());
  ASSERT_EQ(as(token, "GET", "/api/connectors").status, 200);
  const json after = listed(token);
  ASSERT_TRUE(after["last_used_at"].is_string()) << after;
  restart();
  Reply again = get("/api/tokens");
  ASSERT_EQ(again.status, 200) << again.raw;
  ASSERT_EQ(again.body["items"].size(), 1u) << again.raw;
  EXPECT_TRUE(again.body["items"][0]["last_used_at"].is_string()) << "written, not only in memory";
}

// [SECTION] The role matrix, for API tokens

// What no API token may call whatever its role: tokens, users, and a password it does not have.
bool closed_to_tokens(const std::string& path) {
  return path.rfind("/api/tokens", 0) == 0 || path.rfind("/api/users", 0) == 0 ||
         path == "/api/session/password";
}

TEST_F(TokensTest, EveryTokenRoleGetsEveryRouteItsRoleAllowsAndA403ForTheRest) {
  std::map<std::string, json> tokens;
  for (const auto& role : kRoles) tokens[role] = make_token("t-" + role, role);
  for (const auto& c : route_cases()) {
    const std::string path = std::regex_replace(c.path, std::regex(R"(\{id\})"), "x_none");
    for (const auto& role : kRoles) {
      Reply r = as(tokens[role], c.method, path, c.body);
      const bool allowed = rank(role) >= rank(c.least) && !closed_to_tokens(c.path);
      if (allowed) {
        EXPECT_NE(r.status, 403) << role << " " << c.method << " " << c.path << ": " << r.raw;
        EXPECT_NE(r.status, 401) << role << " " << c.method << " " << c.path << ": " << r.raw;
      } else {
        EXPECT_EQ(r.status, 403) << role << " " << c.method << " " << c.path << ": " << r.raw;
        EXPECT_EQ(problem_type(r), "urn:datahub:problem:forbidden") << r.raw;
      }
    }
  }
}

// [SECTION] A token limited to some connectors

TEST_F(TokensTest, ALimitedTokenFindsNoOtherConnectorOnAnyRoute) {
  const std::string mine = create(no_auth_connector("Mine"))["id"];
  const std::string other = create(no_auth_connector("Other"))["id"];
  const json token = make_token("scoped", "editor", json::array({mine}));
  EXPECT_EQ(token["connector_ids"], json::array({mine}));

  EXPECT_EQ(as(token, "GET", "/api/connectors/" + mine).status, 200);
  EXPECT_EQ(as(token, "GET", "/api/connectors/" + mine + "/history").status, 200);
  const std::string base = "/api/connectors/" + other;
  const std::vector<std::pair<std::string, std::string>> routes = {{"GET", base},
                                                                   {"PUT", base},
                                                                   {"DELETE", base},
                                                                   {"GET", base + "/history"},
                                                                   {"POST", base + "/test"},
                                                                   {"POST", base + "/request"},
                                                                   {"POST", base + "/activate"},
                                                                   {"POST", base + "/disable"}};
  for (const auto& [method, path] : routes) {
    Reply r =
        as(token, method, path, method == "GET" || method == "DELETE" ? json() : json::object());
    EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.raw;
    EXPECT_EQ(problem_type(r), "urn:datahub:problem:not-found");
  }
  EXPECT_EQ(get(base).status, 200) << "still there for others";

  Reply list = as(token, "GET", "/api/connectors");
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["total"], 1);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["id"], mine);
  EXPECT_EQ(as(token, "GET", "/api/connectors?q=other").body["total"], 0);

  Reply exported = as(token, "POST", "/api/connectors/export", json::object());
  ASSERT_EQ(exported.status, 200) << exported.raw;
  ASSERT_EQ(exported.body["connectors"].size(), 1u) << exported.raw;
  EXPECT_EQ(exported.body["connectors"][0]["name"], "Mine");
  EXPECT_EQ(as(token, "POST", "/api/connectors/export", {{"ids", {other}}}).status, 422);
  EXPECT_EQ(as(token, "POST", "/api/connectors", no_auth_connector("New")).status, 403);
  EXPECT_EQ(as(token, "GET", "/api/metrics").status, 403) << "the metrics name every connector";

  // Through a session opened with it, the same.
  const SignedIn via = session_of(token_sign_in(token["token"]));
  EXPECT_EQ(call("GET", base, nullptr, &via).status, 404);
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &via).body["total"], 1);
}

// [SECTION] The actor of each change

TEST_F(TokensTest, EveryHistoryEntryNamesWhoMadeItAndHistoryFiltersByActor) {
  const SignedIn root = setup_admin();
  const std::string root_id = call("GET", "/api/session", nullptr, &root).body["user"]["id"];
  Reply created = call("POST", "/api/connectors", no_auth_connector("Audited"), &root);
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["id"];
  const std::string path = "/api/connectors/" + id;
  ASSERT_EQ(post(path + "/activate", json::object()).status, 200);  // the admin token
  const json token = make_token("robot", "operator");
  ASSERT_EQ(as(token, "POST", path + "/disable", json::object()).status, 200);
  const SignedIn via = session_of(token_sign_in(token["token"]));
  ASSERT_EQ(call("POST", path + "/activate", json::object(), &via).status, 200);

  Reply history = get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.raw;
  const json& items = history.body["items"];
  ASSERT_EQ(items.size(), 4u) << history.raw;  // newest first
  const json by_token = {{"type", "token"}, {"id", token["id"]}, {"name", "robot"}};
  EXPECT_EQ(items[0]["actor"], by_token) << "a session opened with the token acts as it";
  EXPECT_EQ(items[1]["actor"], by_token);
  EXPECT_EQ(items[2]["actor"],
            (json{{"type", "admin-token"}, {"id", "admin-token"}, {"name", "admin-token"}}));
  EXPECT_EQ(items[3]["actor"], (json{{"type", "user"}, {"id", root_id}, {"name", "root"}}));

  Reply mine = get(path + "/history?actor=" + root_id);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["items"].size(), 1u);
  EXPECT_EQ(mine.body["items"][0]["action"], "created");
  EXPECT_EQ(get(path + "/history?actor=" + token["id"].get<std::string>()).body["items"].size(),
            2u);
  EXPECT_EQ(get(path + "/history?actor=admin-token").body["items"].size(), 1u);
  Reply nobody = get(path + "/history?actor=u_nobody");
  EXPECT_EQ(nobody.status, 200);
  EXPECT_EQ(nobody.body["items"].size(), 0u);
  Reply malformed = get(path + "/history?actor=not%20an%20id");
  EXPECT_EQ(malformed.status, 400) << malformed.raw;
  EXPECT_EQ(get("/api/connectors/c_none/history?actor=admin-token").status, 404);

  ASSERT_EQ(del(path).status, 204);
}

TEST_F(TokensTest, AnImportAndADeletionNameTheirActorToo) {
  const json token = make_token("importer", "editor");
  const std::string id = create(no_auth_connector("Moved"))["id"];
  Reply document = post("/api/connectors/export", {{"ids", {id}}});
  ASSERT_EQ(document.status, 200);
  Reply imported = as(token, "POST", "/api/connectors/import",
                      {{"document", document.body}, {"on_conflict", "replace"}});
  ASSERT_EQ(imported.status, 200) << imported.raw;
  Reply history = get("/api/connectors/" + id + "/history");
  ASSERT_GE(history.body["items"].size(), 2u);
  EXPECT_EQ(history.body["items"][0]["actor"]["id"], token["id"]) << history.raw;
  ASSERT_EQ(as(token, "DELETE", "/api/connectors/" + id).status, 204);
  Reply after = get("/api/connectors/" + id + "/history");
  ASSERT_EQ(after.status, 200) << after.raw;
  EXPECT_EQ(after.body["items"][0]["action"], "deleted");
  EXPECT_EQ(after.body["items"][0]["actor"]["name"], "importer");
}

// [SECTION] Expiry, with the server's wall clock moved by libfaketime

class TokenExpiryTest : public TokensTest {
 protected:
  void SetUp() override {
    if (auto why = FakeClock::unavailable()) GTEST_SKIP() << *why;
    m_dir = std::make_unique<TempDir>();
    m_clock = std::make_unique<FakeClock>(m_dir->path());
    ServerConfig config;
    config.env = m_clock->server_env();
    start(config);
  }
  void set_offset(long seconds) { m_clock->set_offset(seconds); }
  std::unique_ptr<FakeClock> m_clock;
};

TEST_F(TokenExpiryTest, AnExpiringTokenStopsWorkingWhenItsTimeComes) {
  const json token =
      make_token({{"name", "short"}, {"role", "viewer"}, {"expires_at", rfc3339_in(3600)}});
  ASSERT_TRUE(token["expires_at"].is_string()) << token;
  EXPECT_EQ(as(token, "GET", "/api/connectors").status, 200);
  const SignedIn via = session_of(token_sign_in(token["token"]));
  set_offset(3500);
  EXPECT_EQ(as(token, "GET", "/api/connectors").status, 200) << "100 s left";
  set_offset(3700);
  EXPECT_EQ(as(token, "GET", "/api/connectors").status, 401) << "expired";
  EXPECT_EQ(call("GET", "/api/connectors", nullptr, &via).status, 401) << "its session too";
}

}  // namespace
}  // namespace datahub::testing
