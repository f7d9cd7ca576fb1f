// One HTTP exchange (no redirects) with a destination the guard has checked, on libcurl:
// connects only to the checked addresses, verifies TLS, caps the head and the body and keeps a
// whole-request deadline. Kept-alive connections come from a pool and go back only when they
// ended cleanly.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include <httplib.h>

#include "datahub/result.h"
#include "outbound/client_pool.h"
#include "outbound/curl_transfer.h"
#include "outbound/destination_guard.h"

namespace datahub::outbound {

struct HttpResponse {
  int status = 0;
  httplib::Headers headers;
  std::string body;  // decoded (gzip, br), at most HttpLimits::max_body bytes
  bool body_truncated = false;
  std::string http_version;  // "1.1", "2"
  std::optional<TlsDetails> tls;
};

// What exchanges share: kept-alive connections.
struct Connections {
  ClientPool& pool;
};

// Tries the checked addresses in order until one accepts the connection. A pooled connection
// is used only for the address being tried (PoolKey); one the peer closed while it sat idle
// is replaced by a new one for idempotent methods, when nothing had been answered on it.
// Problems: UpstreamTimeout (504) when the deadline passes, UpstreamError (502) for everything
// else that keeps a complete answer from arriving (refused, reset, not HTTP, TLS failure, a
// head past kMaxResponseHeadBytes/Fields, a compressed body that decodes past the cap).
// `connection_failed`, when given, says whether a failure was the connection's (refused, reset,
// closed before an answer): what a retry may cure.
Result<HttpResponse> exchange(const CheckedDestination& destination, const HttpRequest& request,
                              const HttpLimits& limits, const Connections& connections,
                              bool* connection_failed = nullptr);

}  // namespace datahub::outbound
