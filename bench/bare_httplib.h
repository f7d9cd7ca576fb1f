// What bench_bare_server and bench_bare_proxy share: cpp-httplib set up as datahub-server sets
// it up, "Name: value" arguments, and serving on 127.0.0.1 until SIGTERM or SIGINT.
#pragma once

#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>

#include <httplib.h>

namespace bench {

// The same pool, keep-alive, Nagle, timeouts and payload limit as HttpApp::configure_server
// (backend/http_app.cpp).
inline void configure_like_datahub(httplib::Server& server) {
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);
  server.set_read_timeout(std::chrono::seconds(10));
  server.set_write_timeout(std::chrono::seconds(10));
  server.set_payload_max_length(1024 * 1024);
}

// "Name: value" -> {"Name", "value"}; false without a colon.
inline bool split_header(const std::string& text, std::pair<std::string, std::string>& out) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return false;
  const auto start = text.find_first_not_of(' ', colon + 1);
  out = {text.substr(0, colon), start == std::string::npos ? "" : text.substr(start)};
  return true;
}

// Call first in main, before any thread starts, so that sigwait() receives the stop signals.
inline sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// Listens on 127.0.0.1:`port` (0: any free port), prints "`name`: listening on http://..." and
// serves until a stop signal. Returns the process's exit code.
inline int serve_until_stopped(httplib::Server& server, const char* name, int port,
                               const sigset_t& stop_signals) {
  const int bound = port == 0 ? server.bind_to_any_port("127.0.0.1")
                              : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound < 0) {
    std::fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d\n", name, port);
    return 1;
  }
  std::printf("%s: listening on http://127.0.0.1:%d\n", name, bound);
  std::fflush(stdout);
  std::thread listener([&server] { server.listen_after_bind(); });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.stop();
  listener.join();
  return 0;
}

}  // namespace bench
