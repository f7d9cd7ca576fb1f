// Serves the web build (index.html, the wasm module, its loader, fonts) at "/".
#pragma once

#include <string>

#include <httplib.h>

namespace datahub::backend {

// True when `web_dir` holds a web build (an index.html).
bool has_web_build(const std::string& web_dir);

// Serves `web_dir` at "/". False when it cannot be mounted.
bool mount_web_build(httplib::Server& server, const std::string& web_dir);

}  // namespace datahub::backend
