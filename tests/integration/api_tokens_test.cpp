// API tokens, sessions opened with a token, and the actor of each change, end to end
// (docs/API.md, "People and access"): a real datahub-server, real tokens and cookies.
#include <ctime>
#include <fstream>
#include <set>

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
    for (const auto& t : get("/api/tokens").body["items"])
      if (t["id"] == token["id"]) return t;
    return nullptr;
  }
};

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

}  // namespace
}  // namespace datahub::testing
