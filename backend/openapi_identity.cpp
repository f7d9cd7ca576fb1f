// The OpenAPI paths and schemas of people and sessions (docs/API.md, "People and access").
#include "openapi_identity.h"

#include "datahub/user.h"

namespace datahub::backend::openapi_parts {
namespace {

using nlohmann::json;

json ref(const char* name) {
  return {{"$ref", std::string("#/components/schemas/") + name}};
}

json problem(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
}

json ok(const char* description, const json& schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

json body(const json& schema) {
  return {{"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

// What every operation may answer besides its own; `signed_in`: 401 and 403 too.
json common(json responses, bool signed_in = true) {
  if (signed_in) {
    responses["401"] = problem("unauthorized: not signed in, session ended, or a wrong token");
    responses["403"] = problem("forbidden: the role does not allow it; csrf: no X-CSRF-Token");
  }
  responses["500"] = problem("Internal error");
  return responses;
}

json with_body(json responses) {
  responses["400"] = problem("Malformed JSON or a wrong JSON type");
  responses["413"] = problem("Body over 1 MiB");
  responses["415"] = problem("Body is not JSON");
  responses["422"] = problem("validation: every broken field listed");
  return responses;
}

json str() {
  return {{"type", "string"}};
}

json password_schema() {
  return {{"type", "string"},
          {"minLength", kMinPasswordLength},
          {"maxLength", kMaxPasswordLength},
          {"writeOnly", true}};
}

json id_param() {
  return {{"name", "id"},
          {"in", "path"},
          {"required", true},
          {"schema", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]{1,64}$"}}}};
}

json if_match(bool required) {
  return {{"name", "If-Match"},
          {"in", "header"},
          {"required", required},
          {"description", "The ETag of the user's version being changed"},
          {"schema", str()}};
}

json session_answer(const char* description) {
  json answer = ok(description, ref("Session"));
  answer["headers"] = {{"Set-Cookie",
                        {{"description",
                          "datahub_session=...; HttpOnly; SameSite=Strict; Path=/api (Secure "
                          "over https)"},
                         {"schema", str()}}}};
  return answer;
}

json token_schema(const json& role, bool with_secret) {
  const json time = {{"type", {"string", "null"}}, {"format", "date-time"}};
  json properties = {
      {"id", str()},
      {"name", str()},
      {"role", role},
      {"connector_ids", {{"type", {"array", "null"}}, {"items", str()}}},
      {"expires_at", time},
      {"created_at", time},
      {"last_used_at",
       {{"type", {"string", "null"}},
        {"format", "date-time"},
        {"description", "Recorded coarsely (at most once a minute)"}}},
      {"owner", {{"type", "object"}, {"properties", {{"id", str()}, {"name", str()}}}}}};
  if (with_secret)
    properties["token"] = {{"type", "string"},
                           {"description",
                            "dht_...: shown in this answer only; send it as "
                            "Authorization: Bearer"}};
  return {{"type", "object"}, {"properties", properties}};
}

}  // namespace

json identity_paths() {
  json paths;
  paths["/api/setup"]["post"] = {
      {"summary", "Create the first admin with the one-time setup code (first start only)"},
      {"operationId", "setup"},
      {"security", json::array()},
      {"requestBody", body(ref("SetupRequest"))},
      {"responses", common(with_body({{"201", session_answer("The first admin, signed in")},
                                      {"403", problem("forbidden: wrong, used or expired code")},
                                      {"409", problem("setup-done: a user exists already")}}),
                           false)}};
  paths["/api/session"]["post"] = {
      {"summary",
       "Sign in with a username and a password, or open a session with a token (an API token "
       "or the admin token), which the session then acts as"},
      {"operationId", "signIn"},
      {"security", json::array()},
      {"requestBody", body(ref("SignInRequest"))},
      {"responses",
       common(with_body({{"200", session_answer("Signed in")},
                         {"401", problem("unauthorized: wrong username, password or token")},
                         {"429", problem("too-many-attempts: Retry-After says when to retry")}}),
              false)}};
  paths["/api/session"]["get"] = {
      {"summary", "The signed-in user and the session's CSRF token"},
      {"operationId", "getSession"},
      {"responses", common({{"200", ok("The session", ref("Session"))}})}};
  paths["/api/session"]["delete"] = {
      {"summary", "Sign out"},
      {"operationId", "signOut"},
      {"responses", common({{"204", {{"description", "Signed out; the cookie is cleared"}}}})}};
  paths["/api/session/password"]["post"] = {
      {"summary", "Change one's own password (ends one's other sessions)"},
      {"operationId", "changePassword"},
      {"requestBody", body({{"type", "object"},
                            {"required", {"current", "new"}},
                            {"properties", {{"current", str()}, {"new", password_schema()}}}})},
      {"responses", common(with_body({{"204", {{"description", "Changed"}}}}))}};
  paths["/api/users"]["get"] = {
      {"summary", "Every user (admin)"},
      {"operationId", "listUsers"},
      {"responses",
       common({{"200",
                ok("The users",
                   {{"type", "object"},
                    {"properties", {{"items", {{"type", "array"}, {"items", ref("User")}}}}}})}})}};
  paths["/api/users"]["post"] = {
      {"summary", "Create a user (admin)"},
      {"operationId", "createUser"},
      {"requestBody", body(ref("NewUser"))},
      {"responses", common(with_body({{"201", ok("The user", ref("User"))},
                                      {"409", problem("name-taken: the username is in use")}}))}};
  json item;
  item["parameters"] = json::array({id_param()});
  item["get"] = {
      {"summary", "One user (admin)"},
      {"operationId", "getUser"},
      {"responses", common({{"200", ok("The user", ref("User"))}, {"404", problem("not-found")}})}};
  item["put"] = {
      {"summary", "Replace display_name, role and disabled; set a password when given (admin)"},
      {"operationId", "replaceUser"},
      {"parameters", json::array({if_match(true)})},
      {"requestBody", body(ref("UserChange"))},
      {"responses", common(with_body({{"200", ok("The user", ref("User"))},
                                      {"404", problem("not-found")},
                                      {"409", problem("last-admin")},
                                      {"412", problem("precondition-failed")},
                                      {"428", problem("precondition-required")}}))}};
  item["delete"] = {{"summary", "Remove a user and end their sessions (admin)"},
                    {"operationId", "deleteUser"},
                    {"parameters", json::array({if_match(false)})},
                    {"responses", common({{"204", {{"description", "Removed"}}},
                                          {"404", problem("not-found")},
                                          {"409", problem("last-admin")},
                                          {"412", problem("precondition-failed")}})}};
  paths["/api/users/{id}"] = item;
  paths["/api/tokens"]["get"] = {
      {"summary", "One's own API tokens; every token for an admin (never the token itself)"},
      {"operationId", "listTokens"},
      {"responses",
       common({{"200", ok("The tokens",
                          {{"type", "object"},
                           {"properties",
                            {{"items", {{"type", "array"}, {"items", ref("ApiToken")}}}}}})}})}};
  paths["/api/tokens"]["post"] = {
      {"summary",
       "Create an API token with a role up to one's own; the answer shows the token, once "
       "(an API token cannot create tokens)"},
      {"operationId", "createToken"},
      {"requestBody", body(ref("NewApiToken"))},
      {"responses",
       common(with_body({{"201", ok("The token, with its secret", ref("CreatedApiToken"))}}))}};
  json token_item;
  token_item["parameters"] = json::array({id_param()});
  token_item["delete"] = {{"summary", "Revoke one's own token, or any token (admin): at once"},
                          {"operationId", "deleteToken"},
                          {"responses", common({{"204", {{"description", "Revoked"}}},
                                                {"404", problem("not-found")}})}};
  paths["/api/tokens/{id}"] = token_item;
  return paths;
}

json identity_schemas() {
  const json role = {{"type", "string"}, {"enum", {"viewer", "operator", "editor", "admin"}}};
  const json username = {{"type", "string"},
                         {"minLength", 1},
                         {"maxLength", kMaxUsernameLength},
                         {"pattern", "^[A-Za-z0-9._@-]+$"}};
  const json display_name = {{"type", "string"}, {"maxLength", kMaxDisplayNameLength}};
  return {{"User",
           {{"type", "object"},
            {"properties",
             {{"id", str()},
              {"username", username},
              {"display_name", display_name},
              {"role", role},
              {"disabled", {{"type", "boolean"}}},
              {"created_at", {{"type", {"string", "null"}}, {"format", "date-time"}}},
              {"last_login_at", {{"type", {"string", "null"}}, {"format", "date-time"}}},
              {"version", {{"type", "integer"}}}}}}},
          {"Session",
           {{"type", "object"},
            {"properties",
             {{"user", ref("User")},
              {"csrf_token",
               {{"type", {"string", "null"}},
                {"description", "Send as X-CSRF-Token with every POST, PUT and DELETE"}}}}}}},
          {"SetupRequest",
           {{"type", "object"},
            {"required", {"code", "username", "password"}},
            {"properties",
             {{"code", str()},
              {"username", username},
              {"display_name", display_name},
              {"password", password_schema()}}}}},
          {"SignInRequest",
           {{"type", "object"},
            {"oneOf",
             json::array({{{"required", {"username", "password"}}}, {{"required", {"token"}}}})},
            {"properties",
             {{"username", str()},
              {"password", {{"type", "string"}, {"writeOnly", true}}},
              {"token", {{"type", "string"}, {"writeOnly", true}}}}}}},
          {"NewUser",
           {{"type", "object"},
            {"required", {"username", "role", "password"}},
            {"properties",
             {{"username", username},
              {"display_name", display_name},
              {"role", role},
              {"password", password_schema()}}}}},
          {"ApiToken", token_schema(role, false)},
          {"CreatedApiToken", token_schema(role, true)},
          {"NewApiToken",
           {{"type", "object"},
            {"required", {"name", "role"}},
            {"properties",
             {{"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}}},
              {"role", role},
              {"connector_ids",
               {{"type", {"array", "null"}},
                {"items", str()},
                {"minItems", 1},
                {"description", "Only these connectors (others are 404 to the token); null: all"}}},
              {"expires_at", {{"type", {"string", "null"}}, {"format", "date-time"}}}}}}},
          {"UserChange",
           {{"type", "object"},
            {"required", {"role"}},
            {"properties",
             {{"display_name", display_name},
              {"role", role},
              {"disabled", {{"type", "boolean"}}},
              {"password", password_schema()}}}}}};
}

}  // namespace datahub::backend::openapi_parts
