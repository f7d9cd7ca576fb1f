// A full disk under the data directory: writes answer 507 insufficient-storage, reads go on,
// and once space is freed writes work again and nothing acknowledged is lost. The data
// directory is a small tmpfs the test mounts (tests run as root here; skipped elsewhere).
#include <filesystem>
#include <vector>

#include "api_fixture.h"
#include "tmpfs_mount.h"

namespace datahub::testing {
namespace {

constexpr std::size_t kDiskBytes = 4u << 20;
constexpr std::size_t kRoomLeft = 768u << 10;  // what the filler file leaves for connectors
constexpr const char* kInsufficientStorage = "urn:datahub:problem:insufficient-storage";

// About 100 KiB stored: twelve 8 KiB secret headers, sealed (LMDB overflow pages, which a
// full disk cannot take from the few free pages inside data.mdb).
json bulky_connector(const std::string& name) {
  json c = oauth_connector(name, "secret-of-" + name);
  for (int h = 0; h < 12; ++h) {
    c["headers"].push_back({{"name", "X-Bulk-" + std::to_string(h)},
                            {"value", std::string(8000, static_cast<char>('a' + h))},
                            {"secret", true}});
  }
  return c;
}

Reply send(httplib::Client& cli, const std::string& method, const std::string& path,
           const json& body = nullptr, const httplib::Headers& headers = {}) {
  if (method == "GET") return to_reply(cli.Get(path, headers));
  if (method == "PUT") return to_reply(cli.Put(path, headers, body.dump(), "application/json"));
  return to_reply(cli.Post(path, headers, body.dump(), "application/json"));
}

// Every acknowledged connector reads back whole: its name, and its secrets still stored
// (a record whose secrets no longer decrypt is a 500, not a 200).
void expect_all_there(httplib::Client& cli, const std::vector<json>& acknowledged) {
  const Reply list = send(cli, "GET", "/api/connectors?limit=500");
  ASSERT_EQ(list.status, 200) << list.raw;
  EXPECT_EQ(list.body["total"], acknowledged.size());
  for (const json& c : acknowledged) {
    const Reply got = send(cli, "GET", "/api/connectors/" + c["id"].get<std::string>());
    ASSERT_EQ(got.status, 200) << got.raw;
    EXPECT_EQ(got.body["name"], c["name"]);
    EXPECT_EQ(got.body["version"], c["version"]);
    EXPECT_EQ(got.body["auth"]["client_secret_set"], true);
    EXPECT_EQ(got.body["headers"].size(), c["headers"].size());
  }
}

TEST(ApiStorageTest, AFullDiskRefusesWritesWith507KeepsReadsAndLosesNothing) {
  TempDir dir;
  const std::string data = dir.path() + "/data";  // the server's log stays outside the tmpfs
  std::filesystem::create_directory(data);
  TmpfsMount disk(data, kDiskBytes);
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a small tmpfs: " << disk.error();

  ServerConfig config;
  config.data_dir = data;
  auto server = std::make_unique<ServerProcess>(config);
  ASSERT_TRUE(server->started()) << server->output();
  auto cli = server->client();

  const std::string filler = data + "/filler";
  const std::size_t taken = fill_file(filler, disk.available() - kRoomLeft);
  std::vector<json> acknowledged;
  Reply refused;
  for (int i = 0; i < 100 && refused.status == 0; ++i) {
    Reply r = send(*cli, "POST", "/api/connectors", bulky_connector("bulk " + std::to_string(i)));
    if (r.status == 201) {
      acknowledged.push_back(r.body);
    } else {
      refused = r;
    }
  }
  ASSERT_EQ(refused.status, 507) << refused.raw;
  EXPECT_EQ(refused.body["type"], kInsufficientStorage);
  ASSERT_GE(acknowledged.size(), 2u) << "the filler left room for a few";
  RecordProperty("filler_bytes", std::to_string(taken));
  RecordProperty("creates_before_507", std::to_string(acknowledged.size()));

  // An update that needs room is refused too, and leaves the connector as it was.
  json& first = acknowledged.front();
  json edit = bulky_connector(first["name"]);
  for (json& h : edit["headers"]) {
    if (h["name"].get<std::string>().rfind("X-Bulk-", 0) == 0) h["value"] = std::string(8000, 'z');
  }
  const std::string first_path = "/api/connectors/" + first["id"].get<std::string>();
  const std::string etag = "\"" + std::to_string(first["version"].get<int>()) + "\"";
  Reply updated = send(*cli, "PUT", first_path, edit, {{"If-Match", etag}});
  EXPECT_EQ(updated.status, 507) << updated.raw;
  EXPECT_EQ(updated.body["type"], kInsufficientStorage);

  // Reads keep working on the full disk.
  expect_all_there(*cli, acknowledged);

  // Space freed: writes work again, and a restarted server (no caches) still has everything.
  std::filesystem::remove(filler);
  Reply after = send(*cli, "POST", "/api/connectors", bulky_connector("after the cleanup"));
  ASSERT_EQ(after.status, 201) << after.raw;
  acknowledged.push_back(after.body);
  EXPECT_EQ(send(*cli, "PUT", first_path, edit, {{"If-Match", etag}}).status, 200);
  first["version"] = first["version"].get<int>() + 1;
  ASSERT_EQ(server->stop(), 0) << server->output();
  server = std::make_unique<ServerProcess>(config);
  ASSERT_TRUE(server->started()) << server->output();
  cli = server->client();
  expect_all_there(*cli, acknowledged);
  server.reset();  // before the tmpfs goes
}

}  // namespace
}  // namespace datahub::testing
