// One log line per request: method, path (never the query), status, duration, bytes sent.
// Never a header or a body, so no token or secret can reach the log.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

namespace datahub::backend {

// `text` with control characters written as \xHH: httplib hands over the path percent-decoded,
// and "%0a" must not start a forged log line.
std::string log_safe(std::string_view text);

// Marks the start of a request on this worker thread (httplib handles a request on one thread).
void mark_request_start();
// Seconds since mark_request_start() on this thread (0 when it was not called), and forgets
// the mark.
double take_request_seconds();
// Writes the line for a finished request that took `seconds`.
void log_request(const httplib::Request& req, const httplib::Response& res, double seconds);

// Configures the process-wide logger: one line per event, UTC time, to stdout.
void configure_logging();
// Writes out what is buffered (on shutdown).
void flush_logs();

}  // namespace datahub::backend
