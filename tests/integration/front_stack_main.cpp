// For the browser test through nginx (tests/browser/nginx_front.test.mjs): a PostgreSQL, two
// datahub servers on it (one key file) and the operator's nginx front
// (deploy/nginx/datahub.conf.in) serving the web build in argv[1]. Prints one JSON line
// {"url", "token", "servers": [ports]} once all listen, and stops them all when its standard
// input closes.
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nginx_front.h"
#include "postgres_peer.h"
#include "server_process.h"

using namespace datahub::testing;

namespace {

int fail(const std::string& why) {
  std::cerr << "datahub-front-stack: " << why << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: datahub-front-stack WEB_BUILD_DIR");
  PostgresPeer postgres;
  if (!postgres.start()) return fail(postgres.error());
  const std::string store = postgres.create_database();
  if (store.empty()) return fail(postgres.error());
  TempDir dir;
  const std::string key = dir.path() + "/shared.key";
  std::ofstream(key, std::ios::binary) << std::string(32, 'b');
  ::chmod(key.c_str(), 0600);

  std::vector<std::unique_ptr<ServerProcess>> servers;
  std::vector<int> ports;
  for (int i = 0; i < 2; ++i) {
    ServerConfig config;
    config.data_dir = dir.path() + "/data" + std::to_string(i);
    config.extra_args = {"--store", store, "--trusted-proxy", "127.0.0.1"};
    config.env["DATAHUB_SECRET_KEY_FILE"] = key;
    servers.push_back(std::make_unique<ServerProcess>(config));
    if (!servers.back()->started()) return fail(servers.back()->output());
    ports.push_back(servers.back()->port());
  }
  NginxFront front(ports, argv[1]);
  if (!front.start()) return fail(front.error());

  std::cout << nlohmann::json{{"url", front.url("")},
                              {"token", ServerProcess::admin_token()},
                              {"servers", ports}}
                   .dump()
            << std::endl;
  for (std::string line; std::getline(std::cin, line);) {
  }
  return 0;
}
