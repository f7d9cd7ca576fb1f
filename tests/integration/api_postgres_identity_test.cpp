// Two servers on one PostgreSQL database share users, sessions, the setup code and API tokens:
// a session signed in on A works on B (its CSRF token too) and ends on B when it ends on A; a
// token made on A works on B until it is revoked on A; a user disabled on A is signed out on B;
// one setup code for both; and nothing that signs in is in the database in clear.
#include <libpq-fe.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>

#include "people_fixture.h"
#include "postgres_peer.h"

namespace datahub::testing {
namespace {

class TwoServersIdentityTest : public PeopleTest {
 protected:
  void SetUp() override {
    PostgresPeer* server = PostgresPeer::shared();
    ASSERT_NE(server, nullptr) << "no PostgreSQL server for the test";
    const std::string url = server->create_database();
    ASSERT_FALSE(url.empty()) << server->error();
    m_url = url;
    m_dir = std::make_unique<TempDir>();
    // Servers of one store share the key file.
    const std::string key = m_dir->path() + "/shared.key";
    std::ofstream(key, std::ios::binary) << std::string(32, 'k');
    ::chmod(key.c_str(), 0600);
    ServerConfig config;
    config.extra_args = {"--store", url};
    config.env["DATAHUB_SECRET_KEY_FILE"] = key;
    start(config);  // A: the fixture's own server
    ServerConfig b_config = config;
    b_config.data_dir = m_b_dir.path() + "/data";
    m_b = std::make_unique<ServerProcess>(b_config);
    ASSERT_TRUE(m_b->started()) << m_b->output();
  }

  // A call to B without the admin token: with the session's cookie and its CSRF token.
  Reply on_b(const std::string& method, const std::string& path, const json& body,
             const SignedIn* who) {
    httplib::Client cli("127.0.0.1", m_b->port());
    cli.set_read_timeout(std::chrono::seconds(30));
    httplib::Headers headers;
    if (who) headers = {{"Cookie", who->cookie}, {"X-CSRF-Token", who->csrf}};
    const std::string text = body.is_null() ? "" : body.dump();
    return to_reply(method == "GET"    ? cli.Get(path, headers)
                    : method == "POST" ? cli.Post(path, headers, text, "application/json")
                                       : cli.Delete(path, headers));
  }

  Reply bearer_on_b(const std::string& path, const std::string& token) {
    httplib::Client cli("127.0.0.1", m_b->port());
    return to_reply(cli.Get(path, {{"Authorization", "Bearer " + token}}));
  }

  // Every row of every table of the database, as text.
  std::string everything_stored() const {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(m_url.c_str()), &PQfinish);
    std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexec(conn.get(),
               "SELECT string_agg(query_to_xml('SELECT * FROM ' || quote_ident(table_name), "
               "true, false, '')::text, E'\\n') FROM information_schema.tables "
               "WHERE table_schema = 'public'"),
        &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return PQerrorMessage(conn.get());
    return PQgetvalue(result.get(), 0, 0);
  }

  std::string m_url;
  TempDir m_b_dir;
  std::unique_ptr<ServerProcess> m_b;
};

TEST_F(TwoServersIdentityTest, ASessionSignedInOnAWorksOnBAndEndsThereWhenSignedOutOnA) {
  create_user("ann", "editor");
  const SignedIn ann = sign_in("ann");  // on A
  Reply who = on_b("GET", "/api/session", nullptr, &ann);
  ASSERT_EQ(who.status, 200) << who.raw;
  EXPECT_EQ(who.body["user"]["username"], "ann") << who.raw;
  EXPECT_EQ(who.body["csrf_token"], ann.csrf) << "B opens the CSRF token A sealed";

  SignedIn forged = ann;
  forged.csrf = std::string(ann.csrf.size(), 'A');
  EXPECT_EQ(on_b("POST", "/api/connectors", no_auth_connector("Refused"), &forged).status, 403);
  Reply made = on_b("POST", "/api/connectors", no_auth_connector("Made on B"), &ann);
  EXPECT_EQ(made.status, 201) << made.raw;

  ASSERT_EQ(call("DELETE", "/api/session", nullptr, &ann).status, 204);  // on A
  EXPECT_EQ(on_b("GET", "/api/session", nullptr, &ann).status, 401);
}

TEST_F(TwoServersIdentityTest, AnApiTokenMadeOnAWorksOnBUntilRevokedOnA) {
  create_user("tom", "operator");
  const SignedIn tom = sign_in("tom");
  Reply token = call("POST", "/api/tokens", {{"name", "ci"}, {"role", "viewer"}}, &tom);
  ASSERT_EQ(token.status, 201) << token.raw;
  const std::string secret = token.body.value("token", "");
  EXPECT_EQ(bearer_on_b("/api/connectors", secret).status, 200);
  Reply listed_on_b = on_b("GET", "/api/tokens", nullptr, &tom);
  ASSERT_EQ(listed_on_b.status, 200) << listed_on_b.raw;
  EXPECT_EQ(listed_on_b.body["items"].size(), 1u);

  const std::string path = "/api/tokens/" + token.body.value("id", "");
  ASSERT_EQ(call("DELETE", path, nullptr, &tom).status, 204);  // on A
  EXPECT_EQ(bearer_on_b("/api/connectors", secret).status, 401) << "at once";
}

TEST_F(TwoServersIdentityTest, DisablingAUserOnAEndsTheirSessionOnB) {
  const std::string id = create_user("olga", "operator");
  Reply signed_in =
      on_b("POST", "/api/session", {{"username", "olga"}, {"password", kPassword}}, nullptr);
  ASSERT_EQ(signed_in.status, 200) << signed_in.raw;
  const SignedIn olga = session_of(signed_in);
  ASSERT_EQ(on_b("GET", "/api/session", nullptr, &olga).status, 200);

  Reply user = get("/api/users/" + id);  // on A, with the admin token
  Reply off = put("/api/users/" + id, {{"role", "operator"}, {"disabled", true}},
                  {{"If-Match", user.header("ETag")}});
  ASSERT_EQ(off.status, 200) << off.raw;
  EXPECT_EQ(on_b("GET", "/api/session", nullptr, &olga).status, 401);
  EXPECT_EQ(
      on_b("POST", "/api/session", {{"username", "olga"}, {"password", kPassword}}, nullptr).status,
      401)
      << "nor can she sign in again there";
}

TEST_F(TwoServersIdentityTest, TheFirstAdminIsMadeOnceForBothServers) {
  // Each server that starts with no user stores a new code: B's replaced A's.
  std::smatch m;
  const std::string b_output = m_b->output();
  ASSERT_TRUE(std::regex_search(b_output, m, std::regex("#setup=([A-Za-z0-9_-]+)"))) << b_output;
  const std::string b_code = m[1].str();
  EXPECT_EQ(call("POST", "/api/setup",
                 {{"code", setup_code()}, {"username", "early"}, {"password", kPassword}}, nullptr)
                .status,
            403)
      << "A's code was replaced";
  Reply made = call("POST", "/api/setup",
                    {{"code", b_code}, {"username", "root"}, {"password", kPassword}}, nullptr);
  ASSERT_EQ(made.status, 201) << made.raw;  // B's code, used on A
  Reply again = on_b("POST", "/api/setup",
                     {{"code", b_code}, {"username", "root2"}, {"password", kPassword}}, nullptr);
  EXPECT_EQ(again.status, 409) << again.raw;
  EXPECT_EQ(problem_type(again), "urn:datahub:problem:setup-done") << again.raw;
  const SignedIn root = session_of(made);
  EXPECT_EQ(on_b("GET", "/api/users", nullptr, &root).status, 200) << "the admin's session on B";
}

TEST_F(TwoServersIdentityTest, TheDatabaseHoldsNoPasswordSessionIdTokenOrCsrfTokenInClear) {
  create_user("ann", "editor", kSentinel);
  const SignedIn ann = sign_in("ann", kSentinel);
  Reply token = call("POST", "/api/tokens", {{"name", "ci"}, {"role", "viewer"}}, &ann);
  ASSERT_EQ(token.status, 201) << token.raw;
  const std::string stored = everything_stored();
  ASSERT_NE(stored.find("ann"), std::string::npos) << "the dump reads the tables: " << stored;
  const std::string session_id = ann.cookie.substr(ann.cookie.find('=') + 1);
  for (const std::string& secret :
       {kSentinel, session_id, ann.csrf, token.body.value("token", "")}) {
    ASSERT_GT(secret.size(), 16u);
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace datahub::testing
