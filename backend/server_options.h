// The command line of datahub-server (docs/API.md, "Server command line").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/oidc_settings.h"

namespace datahub::backend {

struct ServerOptions {
  std::string listen_host = "127.0.0.1";  // --listen host:port
  int listen_port = 8080;                 // 0 picks a free port (tests)
  std::string data_dir = "./data";        // LMDB environment, key file, the server's lock
  // --store, else DATAHUB_STORE: "lmdb" (in data_dir) or a PostgreSQL URI (postgresql://...),
  // which then holds everything the LMDB environment would (server_stores.h).
  std::string store = "lmdb";
  bool store_is_postgres() const { return store != "lmdb"; }
  std::string web_dir;                   // the web build, served at "/" when set
  bool allow_private_networks = false;   // outbound guard off for private ranges (dev, tests)
  std::vector<std::string> allow_hosts;  // outbound hosts allowed whatever they resolve to
  // --outbound-proxy, else HTTPS_PROXY / HTTP_PROXY (either case): for connectors whose proxy
  // mode is "server"; --no-proxy, else NO_PROXY: hosts reached directly all the same.
  std::string outbound_proxy;
  std::vector<std::string> no_proxy;
  std::vector<std::string> cors_origins;  // origins allowed to call the API from a browser
  // Admission (net/guarded_server.h): requests served at once, connections one client
  // address may hold, and the time a request head may take to arrive.
  std::size_t workers = 64;
  std::size_t connections_per_address = 64;
  std::size_t max_connections = 4096;
  double request_head_timeout_s = 10;
  // HTTPS: a PEM certificate chain and its unencrypted key; both or neither.
  std::string tls_cert;
  std::string tls_key;
  // OIDC sign-in (--oidc-*, DATAHUB_OIDC_CLIENT_SECRET); off while the issuer is empty.
  OidcSettings oidc;
  // Subcommands that run once instead of serving (store_commands.h):
  //   backup --data DIR --out FILE;  restore --in FILE --data DIR [--key FILE]
  enum class Command { serve, backup, restore };
  Command command = Command::serve;
  std::string backup_file;        // backup's --out, restore's --in
  std::string restore_key;        // restore's --key, else DATAHUB_SECRET_KEY_FILE
  bool restore_key_copy = false;  // --key given: copy it into the data directory
};

// Parses argv. On --help or an error, returns nothing and sets `exit_code` (0 for --help)
// after printing to stdout/stderr.
std::optional<ServerOptions> parse_server_options(int argc, char** argv, int& exit_code);

// "127.0.0.1:8080", "[::1]:8080", ":8080" -> host and port. False when malformed.
bool parse_listen_address(const std::string& text, std::string& host, int& port);

}  // namespace datahub::backend
