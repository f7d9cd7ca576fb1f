// A fixture for the people and access tests (api_people_test, api_tokens_test): calls made
// with a session cookie (and its CSRF token), the first admin through the setup link, users.
#pragma once

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "api_fixture.h"

namespace datahub::testing {

// Never to appear in an answer, a log line or the data file.
inline const std::string kSentinel = "Sentinel-Pa55-QZXW-7781";
inline const std::string kPassword = "correct horse battery";

struct SignedIn {
  std::string cookie;  // "datahub_session=..."
  std::string csrf;
};

class PeopleTest : public ApiTest {
 protected:
  // Everything any answer of this test said, to look for the sentinel in.
  std::string m_seen;

  httplib::Client anonymous() {
    httplib::Client cli("127.0.0.1", m_server->port());
    cli.set_read_timeout(std::chrono::seconds(30));
    return cli;
  }

  Reply remember(Reply r) {
    m_seen += r.raw;
    for (const auto& [k, v] : r.headers) m_seen += k + ": " + v + "\n";
    return r;
  }

  // A call with `headers` and no admin token.
  Reply send(const std::string& method, const std::string& path, const json& body,
             const httplib::Headers& headers) {
    httplib::Client cli = anonymous();
    const std::string text = body.is_null() ? "" : body.dump();
    httplib::Result result = method == "GET"      ? cli.Get(path, headers)
                             : method == "DELETE" ? cli.Delete(path, headers)
                             : method == "PUT"    ? cli.Put(path, headers, text, "application/json")
                                               : cli.Post(path, headers, text, "application/json");
    return remember(to_reply(result));
  }

  // A call without the admin token: with the session's cookie (and CSRF token when `csrf`).
  Reply call(const std::string& method, const std::string& path, const json& body,
             const SignedIn* who, bool csrf = true) {
    httplib::Headers headers;
    if (who) {
      headers.emplace("Cookie", who->cookie);
      if (csrf) headers.emplace("X-CSRF-Token", who->csrf);
    }
    return send(method, path, body, headers);
  }

  // A call with `token` as the bearer token.
  Reply call_bearer(const std::string& method, const std::string& path, const json& body,
                    const std::string& token) {
    return send(method, path, body, {{"Authorization", "Bearer " + token}});
  }

  static SignedIn session_of(const Reply& r) {
    const std::string set_cookie = r.header("Set-Cookie");
    return {set_cookie.substr(0, set_cookie.find(';')),
            r.body.is_object() ? r.body.value("csrf_token", "") : ""};
  }

  std::string setup_code() {
    std::smatch m;
    const std::string out = m_server->output();
    if (!std::regex_search(out, m, std::regex("#setup=([A-Za-z0-9_-]+)"))) return "";
    return m[1].str();
  }

  // The first admin, through the setup link.
  SignedIn setup_admin(const std::string& password = kPassword) {
    Reply r = call("POST", "/api/setup",
                   {{"code", setup_code()}, {"username", "root"}, {"password", password}}, nullptr);
    EXPECT_EQ(r.status, 201) << r.raw;
    return session_of(r);
  }

  std::string create_user(const std::string& username, const std::string& role,
                          const std::string& password = kPassword) {
    Reply r = remember(
        post("/api/users", {{"username", username}, {"role", role}, {"password", password}}));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", "");
  }

  Reply sign_in_reply(const std::string& username, const std::string& password) {
    return call("POST", "/api/session", {{"username", username}, {"password", password}}, nullptr);
  }

  SignedIn sign_in(const std::string& username, const std::string& password = kPassword) {
    Reply r = sign_in_reply(username, password);
    EXPECT_EQ(r.status, 200) << r.raw;
    return session_of(r);
  }

  std::string problem_type(const Reply& r) {
    return r.body.is_object() ? r.body.value("type", "") : "";
  }
};

// The role matrix (api_people_test for sessions, api_tokens_test for API tokens).
struct RouteCase {
  std::string method;
  std::string path;   // as the OpenAPI document names it; {id} is replaced
  std::string least;  // the least role allowed
  json body;
};

// Every authenticated route of the server, with a body that changes nothing lasting. Ids name
// nothing, so an allowed call ends in 404 or 422 and no call can disturb the next.
inline const std::vector<RouteCase>& route_cases() {
  static const std::vector<RouteCase> cases = {
      {"GET", "/api/openapi.json", "viewer", nullptr},
      {"GET", "/api/metrics", "viewer", nullptr},
      {"GET", "/api/session", "viewer", nullptr},
      {"POST", "/api/session/password", "viewer", json::object()},
      {"GET", "/api/connectors", "viewer", nullptr},
      {"GET", "/api/connectors/{id}", "viewer", nullptr},
      {"GET", "/api/connectors/{id}/history", "viewer", nullptr},
      {"POST", "/api/connectors/{id}/test", "operator", json::object()},
      {"POST", "/api/connectors/test", "operator", json::object()},
      {"POST", "/api/connectors/{id}/activate", "operator", json::object()},
      {"POST", "/api/connectors/{id}/disable", "operator", json::object()},
      {"POST", "/api/connectors/{id}/request", "operator", {{"method", "GET"}, {"path", "/"}}},
      {"POST", "/api/connectors", "editor", json::object()},
      {"PUT", "/api/connectors/{id}", "editor", json::object()},
      {"DELETE", "/api/connectors/{id}", "editor", nullptr},
      {"POST", "/api/connectors/import", "editor", json::object()},
      {"POST", "/api/connectors/export", "editor", {{"ids", {"c_none"}}}},
      {"GET", "/api/users", "admin", nullptr},
      {"POST", "/api/users", "admin", json::object()},
      {"GET", "/api/users/{id}", "admin", nullptr},
      {"PUT", "/api/users/{id}", "admin", json::object()},
      {"DELETE", "/api/users/{id}", "admin", nullptr},
      {"GET", "/api/tokens", "viewer", nullptr},
      {"POST", "/api/tokens", "viewer", json::object()},
      {"DELETE", "/api/tokens/{id}", "viewer", nullptr},
  };
  return cases;
}

inline const std::vector<std::string> kRoles = {"viewer", "operator", "editor", "admin"};

inline int rank(const std::string& role) {
  return static_cast<int>(std::find(kRoles.begin(), kRoles.end(), role) - kRoles.begin());
}

}  // namespace datahub::testing
