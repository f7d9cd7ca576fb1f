// The PostgreSQL peer of the store and server tests, tried with libpq directly: it starts from
// Debian's binaries in a temporary directory, not as root, serves fresh databases, and leaves
// nothing behind.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "postgres_peer.h"

namespace datahub::testing {
namespace {

// The real uid of a process, from /proc.
long uid_of(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "Uid:") {
      long uid = -1;
      status >> uid;
      return uid;
    }
  }
  return -1;
}

std::string scalar(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return std::string("no connection: ") + PQerrorMessage(conn.get());
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) return PQerrorMessage(conn.get());
  return PQgetvalue(result.get(), 0, 0);
}

TEST(PostgresPeerTest, ServesFreshDatabasesAsAnUnprivilegedUserAndCleansUp) {
  std::string data_dir;
  {
    PostgresPeer peer;
    ASSERT_TRUE(peer.start()) << peer.error();
    std::printf("PostgreSQL started in %lld ms\n",
                static_cast<long long>(peer.start_time().count()));
    const std::string first = peer.create_database();
    const std::string second = peer.create_database();
    ASSERT_FALSE(first.empty()) << peer.error();
    ASSERT_NE(first, second);
    EXPECT_EQ(scalar(first, "SELECT current_user"), "datahub");
    EXPECT_EQ(scalar(first, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
    data_dir = scalar(first, "SHOW data_directory");
    EXPECT_TRUE(std::filesystem::exists(data_dir)) << data_dir;
    EXPECT_EQ(data_dir.rfind(std::filesystem::temp_directory_path().string(), 0), 0u)
        << "a temporary cluster, not the machine's: " << data_dir;
    const long uid = uid_of(peer.pid());
    if (::geteuid() == 0) {
      EXPECT_NE(uid, 0) << "postgres runs as root";
    } else {
      EXPECT_EQ(uid, static_cast<long>(::geteuid()));
    }
  }
  EXPECT_FALSE(std::filesystem::exists(data_dir)) << "the cluster's directory is left behind";
}

}  // namespace
}  // namespace datahub::testing
