// bench_bare_proxy: the floor for POST /api/connectors/{id}/request. A cpp-httplib server with
// the settings of datahub-server (backend/http_app.cpp, HttpApp::configure_server) whose one
// route does what /request must at the least: a GET to the upstream with the connector's
// headers over a kept-alive httplib client (one per worker thread), and the upstream's body back.
// No admin token, no connector, no guard, no deadline, no JSON, no request log.
//
//   bench_bare_proxy --upstream-port 8080 --path /data.json --header 'X-Tenant: acme'
//
// Prints "bench_bare_proxy: listening on http://127.0.0.1:PORT" and serves POST /proxy until
// SIGTERM/SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <httplib.h>

namespace {

struct Options {
  int upstream_port = 0;
  std::string path = "/";
  httplib::Headers headers;
};

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--upstream-port") {
      options.upstream_port = std::atoi(value.c_str());
    } else if (flag == "--path") {
      options.path = value;
    } else if (flag == "--header") {
      const auto colon = value.find(':');
      if (colon == std::string::npos) return false;
      const auto start = value.find_first_not_of(' ', colon + 1);
      options.headers.emplace(value.substr(0, colon),
                              start == std::string::npos ? "" : value.substr(start));
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && options.upstream_port > 0;
}

// The same pool, keep-alive, Nagle, timeouts and payload limit as HttpApp::configure_server.
void configure_like_datahub(httplib::Server& server) {
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);
  server.set_read_timeout(std::chrono::seconds(10));
  server.set_write_timeout(std::chrono::seconds(10));
  server.set_payload_max_length(1024 * 1024);
}

sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(
        stderr,
        "usage: bench_bare_proxy --upstream-port N [--path P] [--header 'Name: value']...\n");
    return 2;
  }
  const sigset_t stop_signals = block_stop_signals();
  httplib::Server server;
  configure_like_datahub(server);
  server.Post("/proxy", [&options](const httplib::Request&, httplib::Response& res) {
    // A worker thread serves one connection at a time: its own client needs no lock.
    thread_local httplib::Client upstream("127.0.0.1", options.upstream_port);
    upstream.set_keep_alive(true);
    auto answer = upstream.Get(options.path, options.headers);
    if (!answer) {
      res.status = 502;
      return;
    }
    res.set_content(answer->body, "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port < 0) {
    std::fprintf(stderr, "bench_bare_proxy: cannot listen on 127.0.0.1\n");
    return 1;
  }
  std::printf("bench_bare_proxy: listening on http://127.0.0.1:%d\n", port);
  std::fflush(stdout);
  std::thread listener([&server] { server.listen_after_bind(); });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  listener.join();
  return 0;
}
