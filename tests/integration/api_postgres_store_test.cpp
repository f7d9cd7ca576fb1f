// The server on a PostgreSQL store (--store postgresql://...): the connector API end to end,
// two servers on one database, and the refusals (another key, a bad --store, backup).
#include <libpq-fe.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>

#include "api_fixture.h"
#include "postgres_peer.h"

namespace datahub::testing {
namespace {

class ApiPostgresTest : public ApiTest {
 protected:
  void SetUp() override {
    PostgresPeer* server = PostgresPeer::shared();
    ASSERT_NE(server, nullptr) << "no PostgreSQL server for the test";
    m_url = server->create_database();
    ASSERT_FALSE(m_url.empty()) << server->error();
    start(on_postgres());
  }

  ServerConfig on_postgres() const {
    ServerConfig config;
    config.extra_args = {"--store", m_url};
    return config;
  }

  std::string m_url;
};

// 32 random bytes, 0600: a key file servers of one store share (DATAHUB_SECRET_KEY_FILE).
std::string write_key(const std::string& path, char fill) {
  std::ofstream(path, std::ios::binary) << std::string(32, fill);
  ::chmod(path.c_str(), 0600);
  return path;
}

// The first column of the first row of `sql` on the database at `url`, read with libpq.
std::string scalar(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return PQerrorMessage(conn.get());
  return PQgetvalue(result.get(), 0, 0);
}

TEST_F(ApiPostgresTest, CreateGetListUpdateDeleteThroughTheApi) {
  json created = create(oauth_connector("ERP on PostgreSQL", "s3cret-value"));
  const std::string path = "/api/connectors/" + created["id"].get<std::string>();
  Reply read = get(path);
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body, created);
  EXPECT_EQ(read.body["auth"]["client_secret_set"], true);
  EXPECT_FALSE(read.raw.find("s3cret-value") != std::string::npos);

  create(no_auth_connector("Another"));
  Reply listed = get("/api/connectors?limit=1");
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["total"], 2);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.body["items"][0]["name"], "Another");
  ASSERT_TRUE(listed.body["next_cursor"].is_string());

  Reply taken = post("/api/connectors", no_auth_connector("erp ON postgresql"));
  EXPECT_EQ(taken.status, 409) << taken.raw;

  Reply updated = put(path, no_auth_connector("ERP renamed"), {{"If-Match", "\"1\""}});
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["version"], 2);
  EXPECT_EQ(put(path, no_auth_connector("Again"), {{"If-Match", "\"1\""}}).status, 412);

  Reply deleted = del(path, {{"If-Match", "\"2\""}});
  EXPECT_EQ(deleted.status, 204) << deleted.raw;
  EXPECT_EQ(get(path).status, 404);
  EXPECT_EQ(get("/api/connectors").body["total"], 1);
  EXPECT_EQ(scalar(m_url, "SELECT count(*) FROM connectors"), "1") << "in PostgreSQL";
  // Two creates, the update, the delete (the 409 and the 412 wrote nothing).
  EXPECT_EQ(scalar(m_url, "SELECT count(*) FROM connector_history"), "4");

  restart();  // the data is in PostgreSQL, the admin token's hash too
  EXPECT_EQ(get("/api/connectors").body["total"], 1);
}

TEST_F(ApiPostgresTest, TwoServersShareTheConnectorsAndRefuseAStaleVersion) {
  const std::string key = write_key(m_dir->path() + "/shared.key", 'k');
  m_server.reset();
  ServerConfig config = on_postgres();
  config.env["DATAHUB_SECRET_KEY_FILE"] = key;
  // A database of its own: the fixture's server made its key check with another key.
  m_url = PostgresPeer::shared()->create_database();
  config.extra_args = {"--store", m_url};
  start(config);
  TempDir other_data;
  ServerConfig b_config = config;
  b_config.data_dir = other_data.path() + "/data";
  ServerProcess b(b_config);
  ASSERT_TRUE(b.started()) << b.output();
  auto on_b = b.client();

  json created = create(oauth_connector("Shared", "shared-secret"));
  const std::string path = "/api/connectors/" + created["id"].get<std::string>();
  Reply read_on_b = to_reply(on_b->Get(path));
  ASSERT_EQ(read_on_b.status, 200) << read_on_b.raw;
  EXPECT_EQ(read_on_b.body, created);

  const json edit = no_auth_connector("Shared renamed");
  EXPECT_EQ(put(path, edit, {{"If-Match", "\"1\""}}).status, 200);
  Reply stale = to_reply(on_b->Put(path, {{"If-Match", "\"1\""}}, edit.dump(), "application/json"));
  EXPECT_EQ(stale.status, 412) << stale.raw;
}

TEST_F(ApiPostgresTest, AServerWithAnotherKeyRefusesToStart) {
  TempDir other;
  ServerConfig config = on_postgres();
  config.data_dir = other.path() + "/data";
  config.env["DATAHUB_SECRET_KEY_FILE"] = write_key(other.path() + "/other.key", 'x');
  ServerProcess refused(config);
  EXPECT_FALSE(refused.started());
  EXPECT_EQ(refused.early_exit_code(), 1);
  EXPECT_NE(refused.output().find("secret key"), std::string::npos) << refused.output();
}

TEST_F(ApiPostgresTest, ABadStoreAndABackupOfPostgresAreRefused) {
  TempDir other;
  ServerConfig bad;
  bad.data_dir = other.path() + "/data";
  bad.extra_args = {"--store", "mysql://nope"};
  ServerProcess bad_store(bad);
  EXPECT_EQ(bad_store.early_exit_code(), 2) << bad_store.output();
  EXPECT_NE(bad_store.output().find("--store"), std::string::npos) << bad_store.output();

  ServerConfig backup = on_postgres();
  backup.data_dir = other.path() + "/data";
  backup.extra_args.insert(backup.extra_args.end(),
                           {"backup", "--out", other.path() + "/backup.mdb"});
  ServerProcess refused(backup);
  EXPECT_EQ(refused.early_exit_code(), 2) << refused.output();
  EXPECT_NE(refused.output().find("pg_dump"), std::string::npos) << refused.output();
}

}  // namespace
}  // namespace datahub::testing
