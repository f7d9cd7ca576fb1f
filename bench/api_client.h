// What bench_crash_client, bench_crash_check and bench_soak_client share: one kept-alive
// connection to datahub-server's API on 127.0.0.1 with the admin token, answers read as JSON.
#pragma once

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace bench {

struct Answer {
  int status = 0;       // 0: no answer at all (refused, reset, timed out)
  nlohmann::json body;  // null when the answer has no JSON body
  std::string error;    // what went wrong when status is 0
  bool ok() const { return status >= 200 && status < 300; }
};

class ApiClient {
 public:
  ApiClient(int port, const std::string& token);
  // body null: no body (POST /activate and friends send an empty one). if_match > 0 sends
  // If-Match with that version's ETag (a PUT needs one).
  Answer send(const std::string& method, const std::string& path,
              const nlohmann::json& body = nullptr, long if_match = 0);
  // Asks for answers as they are: cpp-httplib's client asks for br and gzip, and the server's
  // brotli costs far more than the request being measured (bench_propagation).
  void ask_uncompressed();

 private:
  httplib::Client m_client;
};

// A connector with OAuth 2.0 client credentials against `base_url` (its token endpoint at
// base_url + "/oauth/token") and one custom header: the shape an administrator saves.
nlohmann::json connector_body(const std::string& name, const std::string& base_url);

// A query parameter's value (a list cursor) percent-encoded.
std::string percent_encode(const std::string& text);

// The value of "--name value" in argv, or `fallback`.
std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback);

}  // namespace bench
