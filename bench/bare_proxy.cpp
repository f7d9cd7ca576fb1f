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
#include <cstdio>
#include <cstdlib>
#include <string>

#include <httplib.h>

#include "bare_httplib.h"

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
      std::pair<std::string, std::string> header;
      if (!bench::split_header(value, header)) return false;
      options.headers.insert(std::move(header));
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && options.upstream_port > 0;
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
  const sigset_t stop_signals = bench::block_stop_signals();
  httplib::Server server;
  bench::configure_like_datahub(server);
  server.Post("/proxy", [&options](const httplib::Request&, httplib::Response& res) {
    // A worker thread serves one connection at a time: its own client needs no lock.
    thread_local httplib::Client upstream("127.0.0.1", options.upstream_port);
    upstream.set_keep_alive(true);
    auto answer = upstream.Get(options.path, options.headers);
    if (!answer) {
      res.status = 502;
      return;
    }
    res.status = answer->status;  // an upstream error shows as one in wrk's non-2xx count
    res.set_content(answer->body, "application/json");
  });
  return bench::serve_until_stopped(server, "bench_bare_proxy", 0, stop_signals);
}
