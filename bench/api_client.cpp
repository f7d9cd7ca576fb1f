#include "api_client.h"

#include <cctype>

namespace bench {

namespace {

// The ETag datahub-server gives a version: "<version>" with the quotes.
std::string etag(long version) {
  std::string out = std::to_string(version);
  out.insert(out.begin(), '"');
  out.push_back('"');
  return out;
}

}  // namespace

ApiClient::ApiClient(int port, const std::string& token) : m_client("127.0.0.1", port) {
  m_client.set_bearer_token_auth(token);
  m_client.set_keep_alive(true);
  m_client.set_connection_timeout(std::chrono::seconds(5));
  m_client.set_read_timeout(std::chrono::seconds(30));
  m_client.set_write_timeout(std::chrono::seconds(30));
}

Answer ApiClient::send(const std::string& method, const std::string& path,
                       const nlohmann::json& body, long if_match) {
  const std::string text = body.is_null() ? "" : body.dump();
  httplib::Headers headers;
  if (if_match > 0) headers.emplace("If-Match", etag(if_match));
  httplib::Result result = method == "GET"      ? m_client.Get(path, headers)
                           : method == "DELETE" ? m_client.Delete(path, headers)
                           : method == "PUT"
                               ? m_client.Put(path, headers, text, "application/json")
                               : m_client.Post(path, headers, text, "application/json");
  Answer answer;
  if (!result) {
    answer.error = httplib::to_string(result.error());
    return answer;
  }
  answer.status = result->status;
  answer.body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (answer.body.is_discarded()) answer.body = nullptr;
  return answer;
}

void ApiClient::ask_uncompressed() {
  m_client.set_default_headers({{"Accept-Encoding", "identity"}});
}

nlohmann::json connector_body(const std::string& name, const std::string& base_url) {
  return {{"type", "api"},
          {"name", name},
          {"base_url", base_url},
          {"auth",
           {{"method", "oauth2"},
            {"grant_type", "client_credentials"},
            {"token_url", base_url + "/oauth/token"},
            {"client_id", "bench"},
            {"client_secret", "bench-secret"},
            {"client_authentication", "basic"}}},
          {"headers", nlohmann::json::array({{{"name", "X-Tenant"}, {"value", "acme"}}})}};
}

std::string percent_encode(const std::string& text) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

}  // namespace bench
