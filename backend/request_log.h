// One log line per request: method, path (never the query), status, duration, bytes sent.
// Never a header or a body, so no token or secret can reach the log.
#pragma once

#include <httplib.h>

namespace datahub::backend {

// Marks the start of a request on this worker thread (httplib handles a request on one thread).
void mark_request_start();
// Writes the line for a finished request.
void log_request(const httplib::Request& req, const httplib::Response& res);

// Configures the process-wide logger: one line per event, UTC time, to stdout.
void configure_logging();
// Writes out what is buffered (on shutdown).
void flush_logs();

}  // namespace datahub::backend
