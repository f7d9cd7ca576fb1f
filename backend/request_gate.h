// What is refused before httplib reads a request's body. httplib reads a body into memory
// before it calls a route, so a caller without a token, a compressed body (whose decoded size
// httplib does not bound) or a path no file or route can have is answered here, from the
// headers alone.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "datahub/problem.h"

namespace datahub::backend {

struct RequestGate {
  std::vector<std::string> public_paths;  // under /api/, answered without a token
  std::function<bool(const httplib::Request&)> authorized;

  // The problem that ends the request before its body is read, if any.
  std::optional<Problem> check(const httplib::Request& req) const;
};

// Whether the request announces a body (a length above 0, or a transfer coding).
bool announces_body(const httplib::Request& req);

}  // namespace datahub::backend
