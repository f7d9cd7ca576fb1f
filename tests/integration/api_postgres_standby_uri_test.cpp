// README "Deployment": servers given a primary and its standby in one libpq URI with
// target_session_attrs=read-write use the writable one, whichever host comes first. A cluster
// whose sessions are read-only (default_transaction_read_only, which libpq checks as it checks
// a hot standby) stands in for the standby.
#include <libpq-fe.h>

#include <memory>
#include <thread>

#include "api_fixture.h"
#include "postgres_peer.h"

namespace datahub::testing {
namespace {

// The first column of the first row of `sql`, or libpq's error text.
std::string scalar(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return PQerrorMessage(conn.get());
  return PQntuples(result.get()) > 0 ? PQgetvalue(result.get(), 0, 0) : "";
}

// Makes every new session of the cluster read-only, as on a standby.
bool make_read_only(const std::string& url) {
  scalar(url, "ALTER SYSTEM SET default_transaction_read_only = on");
  scalar(url, "SELECT pg_reload_conf()");
  for (int wait = 0; wait < 200; ++wait) {  // the postmaster applies the reload a moment later
    if (scalar(url, "SHOW default_transaction_read_only") == "on") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

TEST(PostgresStandbyUri, TheServerWritesToTheWritableHostOfAMultiHostUri) {
  PostgresPeer primary;
  PostgresPeer standby;
  ASSERT_TRUE(primary.start()) << primary.error();
  ASSERT_TRUE(standby.start()) << standby.error();
  ASSERT_TRUE(make_read_only(standby.url()));

  // The standby first: libpq must pass over it.
  const std::string uri = "postgresql://datahub@127.0.0.1:" + std::to_string(standby.port()) +
                          ",127.0.0.1:" + std::to_string(primary.port()) +
                          "/postgres?target_session_attrs=read-write";
  TempDir dir;
  ServerConfig config;
  config.data_dir = dir.path() + "/data";
  config.extra_args = {"--store", uri};
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  Reply created = to_reply(server.client()->Post(
      "/api/connectors", no_auth_connector("On the primary").dump(), "application/json"));
  ASSERT_EQ(created.status, 201) << created.raw;

  EXPECT_EQ(scalar(primary.url(), "SELECT count(*) FROM connectors"), "1");
  EXPECT_EQ(scalar(standby.url(), "SELECT count(*) FROM pg_tables WHERE tablename = 'connectors'"),
            "0");
}

}  // namespace
}  // namespace datahub::testing
