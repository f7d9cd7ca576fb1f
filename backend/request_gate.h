// What is refused before httplib reads a request's body. httplib reads a body into memory
// before it calls a route, so a caller without a token, a compressed body (whose decoded size
// httplib does not bound) or a path no file or route can have is answered here, from the
// headers alone.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "datahub/problem.h"

namespace datahub::backend {

struct RequestGate {
  // Who may make an API request, from its headers alone: the 401, 403 or 404 that refuses it,
  // or nothing to let it through (http_app.cpp: the route's role, the caller, CSRF).
  std::function<std::optional<Problem>(const httplib::Request&)> admit;

  // The problem that ends the request before its body is read, if any.
  std::optional<Problem> check(const httplib::Request& req) const;
};

// An answer after which the connection's next bytes cannot be trusted to start a request (a
// request httplib could not parse, a body refused unread): it says "Connection: close", and
// the server closes (net/guarded_server).
void close_if_framing_lost(httplib::Response& res);

// Whether `path` belongs to the REST API ("/api" and below) rather than the web build.
bool is_api_path(std::string_view path);

// httplib's pre-routing handler around `answer`, which answers from the headers alone (true)
// or leaves the request to its route (false). An answered request that announced a body has
// its connection closed (the body was not read); one left to its route with neither
// Content-Length nor Transfer-Encoding reads an empty body (RFC 9112 6.3), where httplib would
// read until the client closes.
using AnswerBeforeBody = std::function<bool(const httplib::Request&, httplib::Response&)>;
httplib::Server::HandlerWithResponse before_body(AnswerBeforeBody answer);

}  // namespace datahub::backend
