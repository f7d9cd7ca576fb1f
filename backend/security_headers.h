// Headers every answer carries so a browser treats it safely: the page runs only its own
// scripts (and WebAssembly), in no frame; nothing is sniffed or leaks a Referer; API answers
// are never stored by a cache (they carry connector settings). (HSTS: net/guarded_server.)
#pragma once

#include <httplib.h>

namespace datahub::backend {

void add_security_headers(const httplib::Request& req, httplib::Response& res);

}  // namespace datahub::backend
