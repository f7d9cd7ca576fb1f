// Headers every answer carries so a browser treats it safely: the page runs only its own
// scripts (and WebAssembly), in no frame; nothing is sniffed or leaks a Referer; API answers
// are never stored by a cache (they carry connector settings); over HTTPS, HSTS.
#pragma once

#include <httplib.h>

namespace datahub::backend {

// True when the request came over the HTTPS listener (cookies set on it get Secure).
bool served_over_tls(const httplib::Request& req);

void add_security_headers(const httplib::Request& req, httplib::Response& res);

}  // namespace datahub::backend
