#include "security_headers.h"

#include "request_gate.h"

namespace datahub::backend {
namespace {

// 'wasm-unsafe-eval' lets the page compile its WebAssembly and nothing else: no eval(), no
// inline script or style (assets/ keeps them in files), no other origin.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

}  // namespace

void add_security_headers(const httplib::Request& req, httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  if (is_api_path(req.path)) {
    res.set_header("Cache-Control", "no-store");
    return;
  }
  res.set_header("Content-Security-Policy", kPagePolicy);
  res.set_header("X-Frame-Options", "DENY");
}

}  // namespace datahub::backend
