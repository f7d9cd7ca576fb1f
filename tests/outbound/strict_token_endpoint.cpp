#include "strict_token_endpoint.h"

#include <openssl/evp.h>

#include <cctype>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

namespace outbound_test {

namespace {

std::mutex g_params_mutex;

bool strict_decode_map(const std::string& body, std::map<std::string, std::string>& out) {
  std::size_t start = 0;
  while (start <= body.size()) {
    auto amp = body.find('&', start);
    auto pair = body.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    auto eq = pair.find('=');
    std::string name, value;
    if (eq == std::string::npos || !strict_form_decode(pair.substr(0, eq), name) ||
        !strict_form_decode(pair.substr(eq + 1), value) || out.count(name))
      return false;
    out[name] = value;
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return true;
}

bool base64_decode(const std::string& text, std::string& out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::string buffer(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(buffer.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  std::size_t padding = text.size() - text.find_last_not_of('=') - 1;
  buffer.resize(static_cast<std::size_t>(n) - padding);
  out = buffer;
  return true;
}

void oauth_error(httplib::Response& res, int status, const std::string& code) {
  res.status = status;
  res.set_content(
      nlohmann::json{{"error", code}, {"error_description", "strict endpoint: " + code}}.dump(),
      "application/json");
}

}  // namespace

bool strict_form_decode(const std::string& text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size() || !std::isxdigit(text[i + 1]) || !std::isxdigit(text[i + 2]))
        return false;
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (std::isalnum(c) || c == '*' || c == '-' || c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else {
      return false;  // ':' '&' '=' ' ' and non-ASCII must arrive encoded
    }
  }
  return true;
}

StrictTokenEndpoint::StrictTokenEndpoint() {
  auto& s = server.server();
  s.Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
    ++token_requests;
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
    std::map<std::string, std::string> params;
    auto type = req.get_header_value("Content-Type");
    if (type == "application/x-www-form-urlencoded") {
      if (!strict_decode_map(req.body, params)) return oauth_error(res, 400, "invalid_request");
    } else if (type == "application/json") {
      auto body = nlohmann::json::parse(req.body, nullptr, false);
      if (!body.is_object()) return oauth_error(res, 400, "invalid_request");
      for (const auto& [k, v] : body.items()) {
        if (!v.is_string()) return oauth_error(res, 400, "invalid_request");
        params[k] = v.get<std::string>();
      }
    } else {
      return oauth_error(res, 400, "invalid_request");
    }
    std::string id, secret, method = "body";
    auto auth = req.get_header_value("Authorization");
    if (!auth.empty()) {
      std::string decoded;
      if (auth.rfind("Basic ", 0) != 0 || !base64_decode(auth.substr(6), decoded))
        return oauth_error(res, 401, "invalid_client");
      auto colon = decoded.find(':');
      if (colon == std::string::npos || !strict_form_decode(decoded.substr(0, colon), id) ||
          !strict_form_decode(decoded.substr(colon + 1), secret) || params.count("client_secret"))
        return oauth_error(res, 401, "invalid_client");
      method = "basic";
    } else {
      id = params["client_id"];
      secret = params["client_secret"];
    }
    if (id != client_id || secret != client_secret) return oauth_error(res, 401, "invalid_client");
    auto grant = params["grant_type"];
    if (grant == "password" && (params["username"] != username || params["password"] != password))
      return oauth_error(res, 400, "invalid_grant");
    if (grant != "password" && grant != "client_credentials")
      return oauth_error(res, 400, "unsupported_grant_type");
    {
      std::lock_guard lock(g_params_mutex);
      last_params = params;
      last_auth_method = method;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(nlohmann::json{{"access_token",
                                    "tok-" + std::to_string(token_requests.load()) + "-" + grant},
                                   {"token_type", "bEaReR"},
                                   {"expires_in", expires_in},
                                   {"scope", params["scope"]}}
                        .dump(),
                    "application/json");
  });
  s.Post("/error", [](const httplib::Request&, httplib::Response& res) {
    oauth_error(res, 400, "invalid_scope");
  });
  s.Post("/garbage", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html><body>Welcome to nginx!</body></html>", "text/html");
  });
  s.Post("/html-500", [](const httplib::Request&, httplib::Response& res) {
    res.status = 500;
    res.set_content("<html>Internal Server Error</html>", "text/html");
  });
  s.Post("/huge", [](const httplib::Request&, httplib::Response& res) {
    res.status = 400;
    res.set_content("{\"error\":\"invalid_request\",\"pad\":\"" + std::string(2 << 20, 'x') + "\"}",
                    "application/json");
  });
  s.Post("/string-expiry", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        R"({"access_token":"t","token_type":"Bearer","expires_in":"120","id_token":{}})",
        "application/json");
  });
  server.start();
}

}  // namespace outbound_test
