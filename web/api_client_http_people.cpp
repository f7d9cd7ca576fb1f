// HttpApiClient's people-and-access calls (docs/API.md, "People and access"): the session, the
// first administrator, users and API tokens. Read leniently: a member missing from an answer
// keeps its default, so an older or newer server still shows what it sent.
#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "datahub/etag.h"
#include "datahub/url_encoding.h"

namespace datahub::web {
namespace {

using nlohmann::json;

std::optional<std::string> OptionalStringAt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

User ReadUser(const json& j) {
  User u;
  u.id = StringAt(j, "id");
  u.username = StringAt(j, "username");
  u.display_name = StringAt(j, "display_name");
  u.role = role_from_name(StringAt(j, "role")).value_or(Role::Viewer);
  u.disabled = j.value("disabled", false);
  u.created_at = StringAt(j, "created_at");
  u.last_login_at = OptionalStringAt(j, "last_login_at");
  if (auto v = j.find("version"); v != j.end() && v->is_number_integer()) u.version = *v;
  return u;
}

Result<SessionInfo> ParseSession(const HttpResponse& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("user") || !body["user"].is_object())
    return UnreadableAnswer(r.status, "session");
  return SessionInfo{ReadUser(body["user"]), StringAt(body, "csrf_token")};
}

Result<UserDoc> ParseUser(const HttpResponse& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object()) return UnreadableAnswer(r.status, "user");
  UserDoc doc{ReadUser(body), r.etag};
  if (doc.etag.empty()) doc.etag = etag_for(doc.user.version);
  return doc;
}

Result<std::vector<UserDoc>> ParseUsers(const HttpResponse& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array())
    return UnreadableAnswer(r.status, "user list");
  std::vector<UserDoc> users;
  for (const json& item : body["items"]) {
    if (!item.is_object()) continue;
    User u = ReadUser(item);
    std::string etag = etag_for(u.version);
    users.push_back({std::move(u), std::move(etag)});
  }
  return users;
}

ApiToken ReadToken(const json& j) {
  ApiToken t;
  t.id = StringAt(j, "id");
  t.name = StringAt(j, "name");
  t.role = role_from_name(StringAt(j, "role")).value_or(Role::Viewer);
  if (auto ids = j.find("connector_ids"); ids != j.end() && ids->is_array()) {
    t.connector_ids.emplace();
    for (const json& id : *ids)
      if (id.is_string()) t.connector_ids->push_back(id.get<std::string>());
  }
  t.expires_at = OptionalStringAt(j, "expires_at");
  t.created_at = StringAt(j, "created_at");
  t.last_used_at = OptionalStringAt(j, "last_used_at");
  if (auto owner = j.find("owner"); owner != j.end() && owner->is_object())
    t.owner = StringAt(*owner, "name");
  return t;
}

Result<std::vector<ApiToken>> ParseTokens(const HttpResponse& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array())
    return UnreadableAnswer(r.status, "token list");
  std::vector<ApiToken> tokens;
  for (const json& item : body["items"])
    if (item.is_object()) tokens.push_back(ReadToken(item));
  return tokens;
}

Result<CreatedToken> ParseCreatedToken(const HttpResponse& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || StringAt(body, "token").empty())
    return UnreadableAnswer(r.status, "new token");
  return CreatedToken{ReadToken(body), StringAt(body, "token")};
}

template <class T, class Parse>
std::function<void(HttpResponse)> Answer(ApiCallback<T> done, Parse parse) {
  return [done = std::move(done), parse](HttpResponse r) {
    if (r.status >= 200 && r.status < 300)
      done(parse(r));
    else
      done(ProblemFromResponse(r));
  };
}

std::function<void(HttpResponse)> AnswerDone(ApiCallback<Done> done) {
  return Answer(std::move(done), [](const HttpResponse&) { return Result<Done>(Done{}); });
}

json UserBody(const UserChange& u, bool with_username) {
  json body = {{"display_name", u.display_name},
               {"role", std::string(role_name(u.role))},
               {"disabled", u.disabled}};
  if (with_username) body["username"] = u.username;
  if (u.password) body["password"] = *u.password;
  return body;
}

}  // namespace

void HttpApiClient::GetSession(ApiCallback<SessionInfo> done) {
  SendSessionCall(Request("GET", "/api/session"), Answer(std::move(done), ParseSession));
}

void HttpApiClient::SignIn(const std::string& username, const std::string& password,
                           ApiCallback<SessionInfo> done) {
  SendSessionCall(
      JsonRequest("POST", "/api/session", json{{"username", username}, {"password", password}}),
      Answer(std::move(done), ParseSession));
}

void HttpApiClient::SignInWithToken(const std::string& token, ApiCallback<SessionInfo> done) {
  SendSessionCall(JsonRequest("POST", "/api/session", json{{"token", token}}),
                  Answer(std::move(done), ParseSession));
}

void HttpApiClient::Setup(const SetupRequest& s, ApiCallback<SessionInfo> done) {
  json body = {{"code", s.code},
               {"username", s.username},
               {"display_name", s.display_name},
               {"password", s.password}};
  SendSessionCall(JsonRequest("POST", "/api/setup", body), Answer(std::move(done), ParseSession));
}

void HttpApiClient::SignOut(ApiCallback<Done> done) {
  SendSessionCall(Request("DELETE", "/api/session"), AnswerDone(std::move(done)));
}

void HttpApiClient::SsoOffered(ApiCallback<bool> done) {
  SendSessionCall(Request("GET", "/api/session/options"), [done = std::move(done)](HttpResponse r) {
    json body = json::parse(r.body, nullptr, false);
    // No such route (a server without SSO) or no answer: only the password form.
    done(r.status == 200 && body.is_object() && body.value("sso", false) == true);
  });
}

void HttpApiClient::ListUsers(ApiCallback<std::vector<UserDoc>> done) {
  Send(Request("GET", "/api/users"), Answer(std::move(done), ParseUsers));
}

void HttpApiClient::CreateUser(const UserChange& user, ApiCallback<UserDoc> done) {
  Send(JsonRequest("POST", "/api/users", UserBody(user, true)), Answer(std::move(done), ParseUser));
}

void HttpApiClient::UpdateUser(const std::string& id, const std::string& etag,
                               const UserChange& user, ApiCallback<UserDoc> done) {
  HttpRequest request =
      JsonRequest("PUT", "/api/users/" + percent_encode(id), UserBody(user, false));
  request.headers.emplace_back("If-Match", etag);
  Send(std::move(request), Answer(std::move(done), ParseUser));
}

void HttpApiClient::ListTokens(ApiCallback<std::vector<ApiToken>> done) {
  Send(Request("GET", "/api/tokens"), Answer(std::move(done), ParseTokens));
}

void HttpApiClient::CreateToken(const NewToken& t, ApiCallback<CreatedToken> done) {
  json body = {{"name", t.name}, {"role", std::string(role_name(t.role))}};
  body["connector_ids"] = t.connector_ids ? json(*t.connector_ids) : json();
  body["expires_at"] = t.expires_at ? json(*t.expires_at) : json();
  Send(JsonRequest("POST", "/api/tokens", body), Answer(std::move(done), ParseCreatedToken));
}

void HttpApiClient::RevokeToken(const std::string& id, ApiCallback<Done> done) {
  Send(Request("DELETE", "/api/tokens/" + percent_encode(id)), AnswerDone(std::move(done)));
}

}  // namespace datahub::web
