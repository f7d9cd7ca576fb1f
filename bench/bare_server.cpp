// bench_bare_server: the floor for GET /api/connectors/{id}. A cpp-httplib server with the
// settings of datahub-server (backend/http_app.cpp, HttpApp::configure_server) whose one route
// answers fixed bytes: no admin token check, no store, no JSON, and no request log unless
// --log-requests 1 adds datahub-server's (to tell the log's share from the handler's).
//
//   bench_bare_server --port 0 --body-file connector.json --header 'ETag: "1"'
//
// Prints "bench_bare_server: listening on http://127.0.0.1:PORT" and serves until SIGTERM/SIGINT.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "bare_httplib.h"

namespace {

struct Options {
  int port = 0;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool log_requests = false;  // --log-requests 1: one log line per request, like datahub-server
};

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--port") {
      options.port = std::atoi(value.c_str());
    } else if (flag == "--body-file") {
      if (!read_file(value, options.body)) return false;
    } else if (flag == "--content-type") {
      options.content_type = value;
    } else if (flag == "--log-requests") {
      options.log_requests = value == "1";
    } else if (flag == "--header") {
      std::pair<std::string, std::string> header;
      if (!bench::split_header(value, header)) return false;
      options.headers.push_back(std::move(header));
    } else {
      return false;
    }
  }
  return argc % 2 == 1;
}

// The request log of datahub-server (backend/request_log.cpp): one line per request, written
// into stdout's buffer on the request's thread, flushed once a second and on warnings.
void log_like_datahub(httplib::Server& server) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout, /*force_flush=*/false);
  auto logger = std::make_shared<spdlog::logger>("bench", std::move(sink));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);  // so that flush_every reaches it
  spdlog::flush_every(std::chrono::seconds(1));
  server.set_logger([logger](const httplib::Request& req, const httplib::Response& res) {
    logger->info("{} {} {} {:.2f}ms {}B {}", req.method, req.path, res.status, 0.0, res.body.size(),
                 req.remote_addr);
  });
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: bench_bare_server [--port N] --body-file FILE [--content-type T] "
                 "[--header 'Name: value']... [--log-requests 1]\n");
    return 2;
  }
  const sigset_t stop_signals = bench::block_stop_signals();
  httplib::Server server;
  bench::configure_like_datahub(server);
  if (options.log_requests) log_like_datahub(server);
  // The same route pattern as datahub-server, so the regex match costs the same.
  server.Get("/api/connectors/([A-Za-z0-9_-]{1,64})",
             [&options](const httplib::Request&, httplib::Response& res) {
               for (const auto& [name, value] : options.headers) res.set_header(name, value);
               res.set_content(options.body, options.content_type);
             });
  server.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"ok\"}", "application/json");
  });
  return bench::serve_until_stopped(server, "bench_bare_server", options.port, stop_signals);
}
