#include "server_options.h"

#include <CLI/CLI.hpp>

#include <cstdlib>

#include "datahub/connector_validation.h"
#include "outbound/outbound_http.h"

namespace datahub::backend {

bool parse_listen_address(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  std::string h = text.substr(0, colon);
  const std::string p = text.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h.empty()) h = "0.0.0.0";
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  const int value = std::stoi(p);
  if (value > 65535) return false;
  host = h;
  port = value;
  return true;
}

namespace {

// The first of the variables that is set and not empty.
std::string first_env(std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') return value;
  return "";
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& item : CLI::detail::split(text, ','))
    if (auto trimmed = CLI::detail::trim_copy(item); !trimmed.empty()) out.push_back(trimmed);
  return out;
}

// Why the OIDC options cannot be used, or empty. Plain http only to this machine (tests,
// a local IdP): the ID token and the client secret travel there.
std::string check_oidc(const OidcSettings& o) {
  if (!o.enabled()) return "";
  auto issuer = outbound::parse_url(o.issuer);
  if (!issuer) return "--oidc-issuer: " + issuer.problem().detail;
  const bool local =
      issuer->host == "localhost" || issuer->host == "::1" || issuer->host.rfind("127.", 0) == 0;
  if (!issuer->is_https() && !local) return "--oidc-issuer: must be https (http only to loopback)";
  if (o.client_id.empty()) return "--oidc-issuer needs --oidc-client-id";
  if (o.client_secret.empty())
    return "--oidc-issuer needs the client secret in DATAHUB_OIDC_CLIENT_SECRET";
  if (!o.redirect_uri.empty() && !outbound::parse_url(o.redirect_uri))
    return "--oidc-redirect-uri: not an absolute http(s) URL";
  if (o.groups_claim.empty()) return "--oidc-groups-claim: must not be empty";
  return "";
}

// The --oidc-* options into `o`; returns the --oidc-roles text to parse after the command line.
void add_oidc_options(CLI::App& app, OidcSettings& o, std::string& roles) {
  app.add_option("--oidc-issuer", o.issuer,
                 "OIDC sign-in: the IdP's issuer URL (discovery at "
                 "<issuer>/.well-known/openid-configuration); client secret in "
                 "DATAHUB_OIDC_CLIENT_SECRET");
  app.add_option("--oidc-client-id", o.client_id,
                 "OIDC sign-in: this server's client id at the IdP");
  app.add_option("--oidc-roles", roles,
                 "OIDC sign-in: role=group pairs, e.g. admin=hub-admins,editor=hub-editors "
                 "(highest matching role wins; no match: viewer)");
  app.add_option("--oidc-groups-claim", o.groups_claim,
                 "OIDC sign-in: the ID token claim listing the user's groups")
      ->capture_default_str();
  app.add_option("--oidc-redirect-uri", o.redirect_uri,
                 "OIDC sign-in: the callback URL registered at the IdP (default "
                 "http(s)://<listen host>:<port>/api/session/sso/callback; set it behind a "
                 "proxy or when listening on 0.0.0.0)");
}

}  // namespace

std::optional<ServerOptions> parse_server_options(int argc, char** argv, int& exit_code) {
  ServerOptions options;
  std::string listen = options.listen_host + ":" + std::to_string(options.listen_port);
  std::string allow_hosts;

  CLI::App app{"Data Hub API Connectors server: the REST API at /api and the web front end at /"};
  app.add_option("--listen", listen, "Address to listen on, host:port")->capture_default_str();
  app.add_option("--data", options.data_dir, "Data directory (LMDB store, secret key)")
      ->capture_default_str();
  app.add_option("--store", options.store,
                 "Store: lmdb (in --data) or postgresql://user@host:port/db (connectors, users, "
                 "sessions and API tokens, shared by several servers; backup and restore are "
                 "LMDB's only)")
      ->envname("DATAHUB_STORE")
      ->capture_default_str();
  app.add_option("--web", options.web_dir, "Directory of the web build, served at /");
  app.add_flag("--allow-private-networks", options.allow_private_networks,
               "Let outbound requests reach loopback and private networks (development, tests)");
  app.add_option("--allow-hosts", allow_hosts, "Comma-separated hosts outbound requests may reach");
  std::optional<std::string> outbound_proxy;
  std::optional<std::string> no_proxy;
  app.add_option("--outbound-proxy", outbound_proxy,
                 "Proxy for outbound requests, http(s)://[user:pass@]host:port (else HTTPS_PROXY, "
                 "HTTP_PROXY; \"\" for none)");
  app.add_option(
      "--no-proxy", no_proxy,
      "Comma-separated hosts (h1, .suffix, *) reached without the proxy (else NO_PROXY)");
  app.add_option("--cors-origin", options.cors_origins, "Origin allowed to call the API (repeat)");
  app.add_option("--workers", options.workers, "Requests served at once (503 beyond)")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  app.add_option("--connections-per-address", options.connections_per_address,
                 "Connections one client address may hold (503 beyond)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-connections", options.max_connections,
                 "Connections all clients together may hold (503 beyond)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--request-head-timeout", options.request_head_timeout_s,
                 "Seconds a request head may take to arrive before the connection is cut")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();

  std::string oidc_roles;
  add_oidc_options(app, options.oidc, oidc_roles);

  auto* cert = app.add_option("--tls-cert", options.tls_cert,
                              "PEM certificate chain to serve HTTPS with (needs --tls-key)");
  auto* key =
      app.add_option("--tls-key", options.tls_key, "PEM private key (unencrypted) of --tls-cert");
  cert->needs(key);
  key->needs(cert);

  auto* backup = app.add_subcommand(
      "backup", "Copy the store of --data into a new file, consistently, while a server runs");
  backup->add_option("--data", options.data_dir, "Data directory to back up")
      ->capture_default_str();
  backup->add_option("--out", options.backup_file, "The backup file to write (must not exist)")
      ->required();
  auto* restore = app.add_subcommand(
      "restore", "Put a backup into a new or empty data directory, checking it against the key");
  restore->add_option("--in", options.backup_file, "A file made by backup")->required();
  restore->add_option("--data", options.data_dir, "New or empty data directory")->required();
  auto* restore_key =
      restore->add_option("--key", options.restore_key,
                          "The secret key file of the backed-up server (copied into --data; "
                          "else DATAHUB_SECRET_KEY_FILE is used where it is)");
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    exit_code = app.exit(e);
    return std::nullopt;
  }
  if (!parse_listen_address(listen, options.listen_host, options.listen_port)) {
    std::fprintf(stderr, "--listen: expected host:port, got '%s'\n", listen.c_str());
    exit_code = 2;
    return std::nullopt;
  }
  if (options.store != "lmdb" && options.store.rfind("postgresql://", 0) != 0 &&
      options.store.rfind("postgres://", 0) != 0) {
    std::fprintf(stderr, "--store (or DATAHUB_STORE): expected lmdb or postgresql://...\n");
    exit_code = 2;
    return std::nullopt;
  }
  if ((backup->parsed() || restore->parsed()) && options.store_is_postgres()) {
    std::fprintf(stderr,
                 "backup and restore copy the LMDB store of --data; a PostgreSQL store is backed "
                 "up with PostgreSQL's own tools (pg_dump, a standby)\n");
    exit_code = 2;
    return std::nullopt;
  }
  if (backup->parsed()) options.command = ServerOptions::Command::backup;
  if (restore->parsed()) {
    options.command = ServerOptions::Command::restore;
    options.restore_key_copy = restore_key->count() > 0;
    if (!options.restore_key_copy) options.restore_key = first_env({"DATAHUB_SECRET_KEY_FILE"});
    if (options.restore_key.empty()) {
      std::fprintf(stderr,
                   "restore: the backup's secrets are sealed with the backed-up server's key: "
                   "give its key file with --key FILE (or DATAHUB_SECRET_KEY_FILE)\n");
      exit_code = 2;
      return std::nullopt;
    }
  }
  options.oidc.client_secret = first_env({"DATAHUB_OIDC_CLIENT_SECRET"});
  std::string oidc_why;
  if (auto roles = parse_oidc_roles(oidc_roles, oidc_why)) options.oidc.roles = std::move(*roles);
  if (!oidc_why.empty()) oidc_why = "--oidc-roles: " + oidc_why;
  if (oidc_why.empty()) oidc_why = check_oidc(options.oidc);
  if (!oidc_why.empty()) {
    std::fprintf(stderr, "%s\n", oidc_why.c_str());
    exit_code = 2;
    return std::nullopt;
  }
  options.allow_hosts = split_list(allow_hosts);
  options.outbound_proxy = outbound_proxy.value_or(
      first_env({"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}));
  options.no_proxy = split_list(no_proxy.value_or(first_env({"NO_PROXY", "no_proxy"})));
  if (!options.outbound_proxy.empty()) {
    if (auto why = check_proxy_url(outbound::without_credentials(options.outbound_proxy));
        !why.empty()) {
      std::fprintf(stderr, "--outbound-proxy (or HTTPS_PROXY/HTTP_PROXY): %s\n", why.c_str());
      exit_code = 2;
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace datahub::backend
