// One HTTP request through a libcurl handle, connected only to the address the destination
// guard checked: what was asked, what came back, and how far it got. No redirects (they are
// followed by hand, outbound_http.cpp), no deciding what a failure means (http_exchange.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <httplib.h>

#include "outbound/ip_address.h"
#include "outbound/url.h"

namespace datahub::outbound {

// A response head larger than this, or with more fields, ends the call (docs/API.md,
// "Hostile upstreams"): an upstream may not make the server hold or parse without bound.
inline constexpr std::size_t kMaxResponseHeadBytes = 64 * 1024;
inline constexpr std::size_t kMaxResponseHeadFields = 100;
// A compressed body that decodes past this (or past the caller's cap, if larger) is refused.
inline constexpr std::size_t kMaxDecodedBodyBytes = 1024 * 1024;

struct HttpRequest {
  std::string method = "GET";
  httplib::Headers headers;
  std::string body;  // sent when not empty (Content-Type goes in `headers`)
};

// How a connector reaches the network; every leg of its calls the same (docs/API.md).
struct Transport {
  std::string ca_pem;           // trusted besides the CA bundle
  std::string client_cert_pem;  // presented when a server asks (mutual TLS)
  std::string client_key_pem;
  std::string proxy_url;  // empty: straight to the upstream
  std::string proxy_username;
  std::string proxy_password;
  // A connector's own proxy: the addresses the guard checked for it, the only ones its socket
  // may go to. Empty for the server's proxy, which the administrator chose.
  std::vector<IpAddress> proxy_addresses;
  bool operator==(const Transport&) const = default;
};

struct HttpLimits {
  std::chrono::steady_clock::time_point deadline;  // for the whole exchange
  std::size_t max_body = 1 << 20;                  // bytes kept; the rest is not read
  std::string ca_cert_path;
  const Transport* transport = nullptr;  // nullptr: no connector settings, no proxy
  bool tls_details = false;              // fill Transfer::tls (tests want it; /request not)
};

// What the upstream's TLS said, for test results.
struct TlsDetails {
  std::string version;  // "TLSv1.3"
  std::string peer_subject;
  std::string peer_issuer;
  std::string peer_not_after;  // RFC 3339 UTC
};

struct Transfer {
  CURLcode code = CURLE_OK;
  std::string error;  // libcurl's sentence for `code`, when it has one
  int status = 0;
  bool has_head = false;  // a final (non-1xx) head arrived whole
  httplib::Headers headers;
  std::string body;               // decoded (gzip, deflate, br), at most HttpLimits::max_body bytes
  bool truncated = false;         // the body went past the cap and the rest was not read
  bool head_too_large = false;    // past kMaxResponseHeadBytes or kMaxResponseHeadFields
  bool decoded_past_cap = false;  // a compressed body went past kMaxDecodedBodyBytes
  bool reused_connection = false;
  std::string http_version;  // "1.1", "2"
  std::optional<TlsDetails> tls;
};

// Sends `request` to `url` over `easy`, whose connection (if it has one) goes to `address`, or
// through the transport's proxy when it names one (to `address` through a CONNECT tunnel for
// https; with no address, the proxy resolves the name). `fresh` forbids reusing a connection.
Transfer transfer(CURL* easy, const Url& url, const std::optional<IpAddress>& address,
                  const HttpRequest& request, const HttpLimits& limits, bool fresh);

}  // namespace datahub::outbound
