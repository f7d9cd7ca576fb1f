#include "request_log.h"

#include <chrono>
#include <iostream>
#include <string>
#include <string_view>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace datahub::backend {
namespace {
thread_local std::chrono::steady_clock::time_point t_request_start{};
}  // namespace

std::string log_safe(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void mark_request_start() {
  t_request_start = std::chrono::steady_clock::now();
}

double take_request_seconds() {
  double seconds = 0;
  if (t_request_start != std::chrono::steady_clock::time_point{}) {
    seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request_start).count();
  }
  t_request_start = {};
  return seconds;
}

void log_request(const httplib::Request& req, const httplib::Response& res, double seconds) {
  // The method too is the caller's text: escaped, and cut so that it cannot fill the log.
  constexpr std::size_t kMethodShown = 16;
  spdlog::info("{} {} {} {:.2f}ms {}B {}",
               log_safe(std::string_view(req.method).substr(0, kMethodShown)), log_safe(req.path),
               res.status, seconds * 1000, res.body.size(), req.remote_addr);
}

void configure_logging() {
  // Lines go into stdout's buffer on the request's own thread (an async logger would wake its
  // thread for every line: a context switch per request). Without force_flush, a write(2) only
  // happens when the buffer fills, on a warning, once a second, and on shutdown.
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout, /*force_flush=*/false);
  auto logger = std::make_shared<spdlog::logger>("datahub", std::move(sink));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  // A write(2) per request line costs a sixth of the throughput of a small GET.
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void flush_logs() {
  // shutdown() stops the flusher thread and drops the loggers without flushing their sinks.
  if (auto logger = spdlog::default_logger()) logger->flush();
  spdlog::shutdown();
}

}  // namespace datahub::backend
