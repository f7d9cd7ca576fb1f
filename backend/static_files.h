// Serves the web build (index.html, the wasm module, its loader, fonts) at "/".
#pragma once

#include <map>
#include <memory>
#include <string>

#include <httplib.h>

namespace datahub::backend {

// Files of the web build that also exist gzipped ("x.wasm" beside "x.wasm.gz"): httplib
// compresses text on the fly but not wasm or fonts, which are most of the page's bytes.
class PrecompressedFiles {
 public:
  // Reads every "<name>.gz" at the top of `web_dir` once.
  explicit PrecompressedFiles(const std::string& web_dir);
  // Answers a GET of such a file with its gzip bytes when the client accepts gzip.
  bool serve(const httplib::Request& req, httplib::Response& res) const;

 private:
  struct File {
    std::string gzip_bytes;
    std::string content_type;
  };
  std::map<std::string, File> m_files;  // by request path ("/datahub-web.wasm")
};

// True when `web_dir` holds a web build (an index.html).
bool has_web_build(const std::string& web_dir);

// Serves `web_dir` at "/". False when it cannot be mounted.
bool mount_web_build(httplib::Server& server, const std::string& web_dir);

}  // namespace datahub::backend
