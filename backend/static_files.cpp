#include "static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace datahub::backend {
namespace {

std::string content_type_for(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".otf") return "font/otf";
  if (ext == ".js") return "text/javascript";
  if (ext == ".html") return "text/html";
  return "application/octet-stream";
}

bool accepts_gzip(const httplib::Request& req) {
  return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

}  // namespace

PrecompressedFiles::PrecompressedFiles(const std::string& web_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(web_dir, ec)) {
    const fs::path gz = entry.path();
    if (!entry.is_regular_file() || gz.extension() != ".gz") continue;
    const fs::path original = gz.parent_path() / gz.stem();
    if (!fs::is_regular_file(original, ec)) continue;
    std::ifstream in(gz, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    m_files["/" + original.filename().string()] = {bytes.str(), content_type_for(original)};
  }
}

bool PrecompressedFiles::serve(const httplib::Request& req, httplib::Response& res) const {
  if (req.method != "GET" && req.method != "HEAD") return false;
  const auto it = m_files.find(req.path);
  if (it == m_files.end()) return false;
  if (!accepts_gzip(req)) return false;  // the mount point serves the plain file
  res.set_header("Content-Encoding", "gzip");
  res.set_header("Vary", "Accept-Encoding");
  res.set_header("Cache-Control", "no-cache");
  res.set_content(it->second.gzip_bytes, it->second.content_type.c_str());
  return true;
}

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
