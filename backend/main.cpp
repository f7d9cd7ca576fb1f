// datahub-server: opens the store, sets up the admin token, serves the API and the web build
// until SIGTERM or SIGINT, then finishes the requests in flight and exits.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include <malloc.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "admin_auth.h"
#include "connector_service.h"
#include "data_dir_lock.h"
#include "http_app.h"
#include "identity/identity_service.h"
#include "identity/oidc_client.h"
#include "request_log.h"
#include "server_options.h"
#include "server_stores.h"
#include "static_files.h"
#include "store/connector_id.h"
#include "store_commands.h"

// gcc says __SANITIZE_ADDRESS__, clang __has_feature(address_sanitizer).
#if defined(__has_feature)
#define DATAHUB_HAS_ASAN __has_feature(address_sanitizer)
#else
#define DATAHUB_HAS_ASAN 0
#endif

using namespace datahub::backend;
namespace outbound = datahub::outbound;

namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::optional<AdminAuth> setup_admin_auth(MetaStore& meta, std::optional<std::string>& generated) {
  TokenHashStorage storage{
      [&meta] { return meta.get_meta("admin_token_hash"); },
      [&meta](const std::string& hash) { return meta.put_meta("admin_token_hash", hash).ok(); }};
  return AdminAuth::init(env("DATAHUB_ADMIN_TOKEN"), storage, generated);
}

// Blocks SIGTERM and SIGINT in every thread; the main thread waits for them with sigwait.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// Decrypted secrets and access tokens sit in this process's memory: a crash must not write
// them to a core file. Not dumpable also keeps other processes of the same user from reading
// its memory; LeakSanitizer needs to ptrace the process, so sanitizer builds stay dumpable.
void forbid_core_dumps() {
  const rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
#if !defined(__SANITIZE_ADDRESS__) && !DATAHUB_HAS_ASAN
  prctl(PR_SET_DUMPABLE, 0);
#endif
}

// Each client connection is a file: take the whole hard limit of open files (the soft one is
// often 1024), so the admission limits, not EMFILE, decide who waits.
void raise_open_file_limit() {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) != 0) return;
  files.rlim_cur = files.rlim_max;
  setrlimit(RLIMIT_NOFILE, &files);
}

// glibc gives threads malloc arenas of their own, up to 8 per core, and memory freed into one
// stays with it: under bench/soak.sh the 64 workers' heap (RssAnon) grew from 29 to 37 MiB in
// nine minutes; with one arena per core it held at 14-16 MiB.
void limit_malloc_arenas() {
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
}

int fail(const std::string& message) {
  std::fprintf(stderr, "datahub-server: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  forbid_core_dumps();
  raise_open_file_limit();
  limit_malloc_arenas();
  int exit_code = 0;
  auto options = parse_server_options(argc, argv, exit_code);
  if (!options) return exit_code;
  if (sodium_init() < 0) return fail("libsodium could not be initialised");
  if (options->command != ServerOptions::Command::serve) return run_store_command(*options);
  configure_logging();
  const sigset_t stop_signals = block_stop_signals();

  if (!options->web_dir.empty() && !has_web_build(options->web_dir)) {
    return fail("--web " + options->web_dir +
                ": no index.html there (build the web front end first)");
  }
  std::shared_ptr<TlsContext> tls;
  if (!options->tls_cert.empty()) {
    std::string error;
    tls = TlsContext::load(options->tls_cert, options->tls_key, error);
    if (!tls) return fail(error);
  }
  // Before the store opens, so that a second server touches nothing; held until exit.
  auto lock = DataDirLock::acquire(options->data_dir);
  if (!lock) return fail(lock.problem().detail);
  auto stores = open_server_stores(*options, env("DATAHUB_SECRET_KEY_FILE").value_or(""));
  if (!stores) return fail(stores.problem().detail);

  IdentityService identity(*stores->identity);

  std::optional<std::string> generated_token;
  auto auth = setup_admin_auth(*stores->meta, generated_token);
  if (!auth) {
    return fail(
        "the admin token's hash could not be read or stored in " +
        (options->store_is_postgres() ? std::string("the PostgreSQL store") : options->data_dir));
  }

  outbound::ConnectorClient outbound_client(outbound::OutboundPolicy{
      options->allow_private_networks, options->allow_hosts,
      outbound::OutboundPolicy{}.ca_cert_path, options->outbound_proxy, options->no_proxy});
  ConnectorService service(*stores->connectors, new_connector_id);
  // Any change to a connector drops its cached access token.
  service.set_change_listener(
      [&outbound_client](std::string_view id) { outbound_client.invalidate(std::string(id)); });
  // Health that changed without news (a failure after a failure, a change of state within a
  // second of the last) is written every second, in one transaction; the rest as it happens,
  // and all of it once more when the server stops.
  service.health().start_flusher(std::chrono::seconds(1));
  // Servers sharing a PostgreSQL store: another server's change drops what this one cached.
  std::unique_ptr<PgListener> listener;
  if (stores->postgres) {
    listener = stores->postgres->listen(
        {[&service](std::string_view id) { service.forget(id); },
         [&service, &outbound_client] {
           service.forget_all();
           service.health().refresh_all();
           outbound_client.invalidate_all();
         },
         [&service](std::string_view id) { service.health().refresh(id); }});
  }
  HttpApp app(*options, service, *auth, outbound_client, tls, &identity);
  if (listener) {
    app.set_store_check(
        [&listener, &stores] { return listener->connected() && stores->postgres->ready(); });
  }
  auto& metrics = app.metrics();
  metrics.store_bytes = stores->used_bytes;
  metrics.connectors = [&stores] { return static_cast<double>(stores->connectors->count()); };
  outbound_client.set_token_listener(
      [&metrics](const std::string& id, bool ok) { metrics.token_fetch(id, ok); });
  const int port = app.bind();
  if (port < 0) {
    return fail("cannot listen on " + options->listen_host + ":" +
                std::to_string(options->listen_port));
  }
  const std::string origin =
      std::string(tls ? "https://" : "http://") + options->listen_host + ":" + std::to_string(port);
  std::printf("datahub-server: listening on %s\n", origin.c_str());
  // The IdP is the operator's own choice (--oidc-issuer), like the listen address: the guard
  // against private networks protects from connector URLs that editors set, and does not apply
  // to it. Its own client: no connector's pool or proxy is shared with it.
  std::unique_ptr<outbound::OutboundHttp> idp_http;
  std::unique_ptr<OidcClient> oidc;
  if (options->oidc.enabled()) {
    if (options->oidc.redirect_uri.empty()) {
      const bool v6 = options->listen_host.find(':') != std::string::npos;
      options->oidc.redirect_uri = std::string(tls ? "https://" : "http://") +
                                   (v6 ? "[" + options->listen_host + "]" : options->listen_host) +
                                   ":" + std::to_string(port) + "/api/session/sso/callback";
      if (options->listen_host == "0.0.0.0" || options->listen_host == "::")
        std::printf(
            "datahub-server: warning: the OIDC redirect URI names no reachable host: give "
            "--oidc-redirect-uri\n");
    }
    idp_http = std::make_unique<outbound::OutboundHttp>(
        outbound::OutboundPolicy{true, {}, outbound::OutboundPolicy{}.ca_cert_path, "", {}});
    oidc = std::make_unique<OidcClient>(options->oidc, *idp_http);
    app.enable_oidc(oidc.get());
    std::printf("datahub-server: OIDC sign-in with %s, redirect URI %s\n",
                options->oidc.issuer.c_str(), options->oidc.redirect_uri.c_str());
  }
  if (generated_token) {
    // Printed once, on first start: only the token's hash is kept.
    std::printf("datahub-server: sign in at %s/#token=%s\n", origin.c_str(),
                generated_token->c_str());
  }
  // With no user yet, a one-time link lets the first admin choose a username and password.
  auto setup_code = identity.prepare_setup();
  if (!setup_code) return fail(setup_code.problem().detail);
  if (*setup_code) {
    std::printf("datahub-server: create the first administrator at %s/#setup=%s\n", origin.c_str(),
                (*setup_code)->c_str());
  }
  std::fflush(stdout);

  std::thread server_thread([&app] { app.listen(); });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("stopping on signal {}", signal_number);
  app.stop();
  server_thread.join();
  // The API tokens' last uses that are only in memory.
  identity.tokens().flush();
  flush_logs();
  return 0;
}
