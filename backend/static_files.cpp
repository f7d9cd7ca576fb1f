#include "static_files.h"

#include <filesystem>

namespace datahub::backend {

bool has_web_build(const std::string& web_dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path(web_dir) / "index.html", ec);
}

bool mount_web_build(httplib::Server& server, const std::string& web_dir) {
  if (!has_web_build(web_dir)) return false;
  // httplib maps .wasm to application/wasm (needed for streaming compilation) and serves
  // index.html for "/". The page is small and changes with each build: always revalidate.
  server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  return server.set_mount_point("/", web_dir, {{"Cache-Control", "no-cache"}});
}

}  // namespace datahub::backend
