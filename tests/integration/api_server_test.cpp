// The server process: admin token set-up, key file rules, web build, CORS, shutdown.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "api_fixture.h"

namespace datahub::testing {
namespace {

std::string login_token(const std::string& output) {
  const std::string marker = "/#token=";
  const auto at = output.find(marker);
  if (at == std::string::npos) return "";
  const auto end = output.find('\n', at);
  return output.substr(at + marker.size(), end - at - marker.size());
}

// A server configuration whose data directory lives in `dir`.
ServerConfig config_in(const TempDir& dir, std::vector<std::string> extra_args = {}) {
  ServerConfig config;
  config.data_dir = dir.path() + "/data";
  config.extra_args = std::move(extra_args);
  return config;
}

// A minimal web build in `dir`/site: an index.html and `wasm_name` with `wasm_bytes`.
std::string make_site(const TempDir& dir, const std::string& wasm_name,
                      const std::string& wasm_bytes) {
  const std::string web = dir.path() + "/site";
  std::filesystem::create_directories(web);
  std::ofstream(web + "/index.html") << "<!doctype html><title>Data Hub</title>";
  std::ofstream(web + "/" + wasm_name) << wasm_bytes;
  return web;
}

TEST(ServerProcessTest, GeneratesAnAdminTokenOnceAndKeepsOnlyItsHash) {
  TempDir dir;
  ServerConfig config = config_in(dir);
  config.with_admin_token = false;
  std::string token;
  {
    ServerProcess server(config);
    ASSERT_TRUE(server.started()) << server.output();
    token = login_token(server.output());
    ASSERT_GE(token.size(), 40u) << server.output();
    httplib::Client cli("127.0.0.1", server.port());
    cli.set_bearer_token_auth(token.c_str());
    EXPECT_EQ(cli.Get("/api/connectors")->status, 200);
    EXPECT_EQ(server.stop(), 0);
  }
  ServerProcess again(config);
  ASSERT_TRUE(again.started()) << again.output();
  EXPECT_EQ(login_token(again.output()), "") << "the login URL is printed once";
  httplib::Client cli("127.0.0.1", again.port());
  cli.set_bearer_token_auth(token.c_str());
  EXPECT_EQ(cli.Get("/api/connectors")->status, 200);
  again.stop();
  EXPECT_EQ(read_file(config.data_dir + "/data.mdb").find(token), std::string::npos);
}

TEST(ServerProcessTest, RefusesAKeyFileReadableByOthers) {
  TempDir dir;
  const std::string key = dir.path() + "/secret.key";
  {
    std::ofstream out(key, std::ios::binary);
    out << std::string(32, 'k');
  }
  ::chmod(key.c_str(), 0644);
  ServerConfig config = config_in(dir);
  config.env["DATAHUB_SECRET_KEY_FILE"] = key;
  ServerProcess server(config);
  EXPECT_FALSE(server.started());
  EXPECT_NE(server.output().find("secret.key"), std::string::npos) << server.output();
}

// Two servers on one LMDB directory would each serve from their own caches: the second one
// must refuse before it opens the store, and say which process holds the directory.
TEST(ServerProcessTest, ASecondServerOnTheSameDataDirectoryRefusesToStart) {
  TempDir dir;
  ServerConfig config = config_in(dir);
  ServerProcess first(config);
  ASSERT_TRUE(first.started()) << first.output();
  const pid_t holder = first.pid();
  {
    ServerProcess second(config);
    EXPECT_FALSE(second.started());
    EXPECT_EQ(second.early_exit_code(), 1) << second.output();
    EXPECT_NE(second.output().find("datahub-server: the data directory " + config.data_dir +
                                   " is in use by process " + std::to_string(holder)),
              std::string::npos)
        << second.output();
  }
  auto cli = first.client();
  EXPECT_EQ(cli->Get("/api/connectors")->status, 200) << "the holder is untouched";
  EXPECT_EQ(first.stop(), 0);
  ServerProcess after(config);
  EXPECT_TRUE(after.started()) << "the lock goes with its process: " << after.output();
}

TEST(ServerProcessTest, CreatesItsKeyFileWithMode0600) {
  TempDir dir;
  ServerConfig config = config_in(dir);
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  struct stat st {};
  ASSERT_EQ(::stat((config.data_dir + "/secret.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(ServerProcessTest, ServesTheWebBuildWithTheWasmMimeType) {
  TempDir dir;
  const std::string web = make_site(dir, "app.wasm", std::string("\0asm", 4));
  ServerConfig config = config_in(dir, {"--web", web});
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  httplib::Client cli("127.0.0.1", server.port());
  auto index = cli.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("Data Hub"), std::string::npos);
  auto wasm = cli.Get("/app.wasm");
  ASSERT_TRUE(wasm);
  EXPECT_EQ(wasm->get_header_value("Content-Type"), "application/wasm");
}

TEST(ServerProcessTest, SendsTheGzipCopyOfTheWasmToBrowsersThatAcceptIt) {
  TempDir dir;
  const std::string web = make_site(dir, "app.wasm", std::string(4096, 'w'));
  ASSERT_EQ(std::system(("gzip -9 -k '" + web + "/app.wasm'").c_str()), 0);
  const std::string gzip_bytes = read_file(web + "/app.wasm.gz");
  ServerConfig config = config_in(dir, {"--web", web});
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  httplib::Client cli("127.0.0.1", server.port());
  cli.set_decompress(false);
  auto gz = cli.Get("/app.wasm", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->get_header_value("Content-Type"), "application/wasm");
  EXPECT_EQ(gz->body, gzip_bytes);
  auto plain = cli.Get("/app.wasm", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->body, std::string(4096, 'w'));
}

// A browser asks for "gzip, deflate, br": an answer made on the fly comes back gzip, since
// httplib's brotli (quality 11) cost a list page ~250 ms of CPU against gzip's ~10 ms.
TEST(ServerProcessTest, CompressesAnswersMadeOnTheFlyWithGzipNotBrotli) {
  TempDir dir;
  ServerProcess server(config_in(dir));
  ASSERT_TRUE(server.started()) << server.output();
  auto cli = server.client();
  cli->set_decompress(false);
  // The OpenAPI document is large enough to be compressed, and needs no data.
  auto doc = cli->Get("/api/openapi.json", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, 200);
  EXPECT_EQ(doc->get_header_value("Content-Encoding"), "gzip");
  auto br_only = cli->Get("/api/openapi.json", {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(br_only);
  EXPECT_FALSE(br_only->has_header("Content-Encoding")) << "sent plain rather than slowly";
}

TEST(ServerProcessTest, RefusesAWebDirWithoutIndex) {
  TempDir dir;
  ServerConfig config = config_in(dir, {"--web", dir.path()});
  ServerProcess server(config);
  EXPECT_FALSE(server.started());
  EXPECT_NE(server.output().find("index.html"), std::string::npos) << server.output();
}

TEST(ServerProcessTest, CorsOnlyForConfiguredOrigins) {
  TempDir dir;
  ServerConfig config = config_in(dir, {"--cors-origin", "https://admin.example.com"});
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  auto cli = server.client();
  auto allowed = cli->Get("/api/health", {{"Origin", "https://admin.example.com"}});
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), "https://admin.example.com");
  auto other = cli->Get("/api/health", {{"Origin", "https://evil.example.com"}});
  EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));
  auto preflight = cli->Options("/api/connectors", {{"Origin", "https://admin.example.com"},
                                                    {"Access-Control-Request-Method", "PUT"}});
  EXPECT_EQ(preflight->status, 204);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("If-Match"),
            std::string::npos);
}

TEST(ServerProcessTest, LogsOneLinePerRequestAndStopsCleanlyOnSigterm) {
  TempDir dir;
  ServerConfig config = config_in(dir);
  ServerProcess server(config);
  ASSERT_TRUE(server.started()) << server.output();
  auto cli = server.client();
  cli->Get("/api/connectors?q=needle");
  cli->Get("/api/health");
  EXPECT_EQ(server.stop(), 0);
  const std::string out = server.output();
  EXPECT_NE(out.find("GET /api/connectors 200"), std::string::npos) << out;
  EXPECT_NE(out.find("GET /api/health 200"), std::string::npos) << out;
  EXPECT_EQ(out.find(ServerProcess::admin_token()), std::string::npos);
}

}  // namespace
}  // namespace datahub::testing
