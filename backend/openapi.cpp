#include "openapi.h"

#include "datahub/connector.h"
#include "datahub/connector_validation.h"
#include "datahub/limit_text.h"
#include "datahub/problem.h"
#include "http_io.h"
#include "openapi_identity.h"
#include "outbound/outbound_http.h"

namespace datahub::backend {
namespace {

using nlohmann::json;

json ref(const char* name) {
  return {{"$ref", std::string("#/components/schemas/") + name}};
}

json json_content(const json& schema) {
  return {{"application/json", {{"schema", schema}}}};
}

json problem_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
}

json ok_response(const char* description, const json& schema) {
  return {{"description", description}, {"content", json_content(schema)}};
}

json id_param() {
  return {{"name", "id"},
          {"in", "path"},
          {"required", true},
          {"schema", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]{1,64}$"}}}};
}

json if_match_param(bool required) {
  return {{"name", "If-Match"},
          {"in", "header"},
          {"required", required},
          {"description", "The ETag of the version being changed, or *"},
          {"schema", {{"type", "string"}}}};
}

json query_param(const char* name, const json& schema, const char* description) {
  return {{"name", name},
          {"in", "query"},
          {"required", false},
          {"schema", schema},
          {"description", description}};
}

// Answers every operation can give besides its own.
json with_common(json responses, bool authenticated = true) {
  if (authenticated) responses["401"] = problem_response("Missing or wrong admin token");
  responses["500"] = problem_response("Internal error");
  return responses;
}

json body_errors(json responses) {
  responses["400"] = problem_response("Malformed JSON or a wrong JSON type");
  responses["413"] = problem_response("Body over " + byte_size_text(kMaxBodyBytes));
  responses["415"] = problem_response("Body is not JSON");
  responses["422"] = problem_response("Valid JSON that breaks a rule; every broken field listed");
  return responses;
}

json outbound_errors(json responses) {
  responses["403"] = problem_response("Destination not allowed");
  responses["502"] = problem_response("Upstream or token error");
  responses["504"] = problem_response("Upstream timeout");
  responses["503"] = problem_response("busy: every outbound slot is taken; Retry-After says when");
  return responses;
}

// Answers of operations that write to the store: a full disk refuses the change, reads go on.
json store_writes(json responses) {
  responses["507"] = problem_response("insufficient-storage: the store's disk is full");
  return responses;
}

json request_body(const json& schema, bool required = true) {
  return {{"required", required}, {"content", json_content(schema)}};
}

json connector_paths() {
  json paths;
  paths["/api/connectors"]["get"] = {
      {"summary", "List connectors, ordered by name (case-insensitive)"},
      {"operationId", "listConnectors"},
      {"parameters",
       {query_param("q", {{"type", "string"}}, "Matches name or base URL, case-insensitively"),
        query_param("status", {{"type", "string"}, {"enum", {"active", "disabled"}}},
                    "Status filter"),
        query_param("health", {{"type", "string"}, {"enum", {"ok", "failing", "unknown"}}},
                    "Health filter"),
        query_param("limit",
                    {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 50}},
                    "Page size"),
        query_param("cursor", {{"type", "string"}}, "next_cursor of the previous page"),
        query_param("offset",
                    {{"type", "integer"}, {"minimum", 0}, {"maximum", 999999999}, {"default", 0}},
                    "Matches to skip (after the cursor, if any): the page at a position"),
        query_param("sort",
                    {{"type", "string"},
                     {"enum",
                      {"name", "-name", "type", "-type", "base_url", "-base_url", "status",
                       "-status", "updated_at", "-updated_at", "health", "-health"}}},
                    "Order (default name); a leading - is descending; ties go by name; "
                    "health ascending is failing, unknown, ok")}},
      {"responses", with_common({{"200", ok_response("A page of connectors", ref("ConnectorPage"))},
                                 {"400", problem_response("Bad query parameter")}})}};
  paths["/api/connectors"]["post"] = {
      {"summary", "Create a connector"},
      {"operationId", "createConnector"},
      {"requestBody", request_body(ref("ConnectorInput"))},
      {"responses",
       with_common(store_writes(body_errors(
           {{"201", ok_response("Created; Location and ETag headers", ref("Connector"))},
            {"409", problem_response("name-taken")}})))}};
  json item;
  item["parameters"] = json::array({id_param()});
  item["get"] = {{"summary", "Read a connector"},
                 {"operationId", "getConnector"},
                 {"responses",
                  with_common({{"200", ok_response("The connector; ETag header", ref("Connector"))},
                               {"404", problem_response("not-found")}})}};
  item["put"] = {{"summary", "Replace the editable fields of a connector"},
                 {"operationId", "replaceConnector"},
                 {"parameters", json::array({if_match_param(true)})},
                 {"requestBody", request_body(ref("ConnectorInput"))},
                 {"responses", with_common(store_writes(body_errors(
                                   {{"200", ok_response("Updated; new ETag", ref("Connector"))},
                                    {"404", problem_response("not-found")},
                                    {"409", problem_response("name-taken")},
                                    {"412", problem_response("precondition-failed")},
                                    {"428", problem_response("precondition-required")}})))}};
  item["delete"] = {
      {"summary", "Delete a connector and its secrets (irreversible)"},
      {"operationId", "deleteConnector"},
      {"parameters", json::array({if_match_param(false)})},
      {"responses", with_common(store_writes({{"204", {{"description", "Deleted"}}},
                                              {"404", problem_response("not-found")},
                                              {"412", problem_response("precondition-failed")}}))}};
  paths["/api/connectors/{id}"] = item;
  for (const char* action : {"activate", "disable"}) {
    paths[std::string("/api/connectors/{id}/") + action] = {
        {"parameters", json::array({id_param()})},
        {"post",
         {{"summary", std::string(action == std::string("activate") ? "Activate" : "Disable") +
                          " a connector (idempotent)"},
          {"operationId", std::string(action) + "Connector"},
          {"parameters", json::array({if_match_param(false)})},
          {"responses",
           with_common(store_writes({{"200", ok_response("The connector", ref("Connector"))},
                                     {"404", problem_response("not-found")},
                                     {"412", problem_response("precondition-failed")}}))}}}};
  }
  paths["/api/connectors/{id}/history"] = {
      {"parameters", json::array({id_param()})},
      {"get",
       {{"summary", "What changed and who changed it, newest first"},
        {"operationId", "connectorHistory"},
        {"parameters",
         json::array({{{"name", "actor"},
                       {"in", "query"},
                       {"required", false},
                       {"description",
                        "Only the entries of this actor (a user's id, an API "
                        "token's id, or admin-token)"},
                       {"schema", {{"type", "string"}, {"pattern", "^[A-Za-z0-9_-]{1,64}$"}}}}})},
        {"responses", with_common({{"200", ok_response("History", ref("History"))},
                                   {"404", problem_response("not-found")}})}}}};
  return paths;
}

json outbound_paths() {
  json paths;
  paths["/api/connectors/{id}/test"] = {
      {"parameters", json::array({id_param()})},
      {"post",
       {{"summary", "Test a saved connector (works while disabled)"},
        {"operationId", "testConnector"},
        {"requestBody", request_body(ref("TestRequest"), false)},
        {"responses", with_common(body_errors(
                          outbound_errors({{"200", ok_response("Test result", ref("TestResult"))},
                                           {"404", problem_response("not-found")}})))}}}};
  paths["/api/connectors/test"] = {
      {"post",
       {{"summary", "Test an unsaved connector given in the body"},
        {"operationId", "testUnsavedConnector"},
        {"requestBody", request_body(ref("ConnectorInput"))},
        {"responses", with_common(body_errors(outbound_errors(
                          {{"200", ok_response("Test result", ref("TestResult"))}})))}}}};
  paths["/api/connectors/{id}/request"] = {
      {"parameters", json::array({id_param()})},
      {"post",
       {{"summary", "Send a request to the external API on the connector's behalf"},
        {"operationId", "proxyRequest"},
        {"requestBody", request_body(ref("ProxyRequest"))},
        {"responses", with_common(body_errors(outbound_errors(
                          {{"200", ok_response("The upstream answer", ref("ProxyResponse"))},
                           {"404", problem_response("not-found")},
                           {"409", problem_response("connector-disabled")},
                           {"429", problem_response("rate-limited: the connector's rate limit "
                                                    "leaves no turn within its timeout; "
                                                    "Retry-After says when")}})))}}}};
  return paths;
}

json transfer_paths() {
  json paths;
  paths["/api/connectors/export"]["post"] = {
      {"summary", "Export connector definitions (secrets only sealed under a passphrase)"},
      {"operationId", "exportConnectors"},
      {"requestBody",
       request_body({{"type", "object"},
                     {"properties",
                      {{"ids", {{"type", {"array", "null"}}, {"items", {{"type", "string"}}}}},
                       {"passphrase",
                        {{"type", {"string", "null"}}, {"minLength", 12}, {"writeOnly", true}}}}}},
                    false)},
      {"responses", with_common(body_errors(
                        {{"200", ok_response("The export document", {{"type", "object"}})}}))}};
  paths["/api/connectors/import"]["post"] = {
      {"summary", "Import connector definitions; every imported connector starts disabled"},
      {"operationId", "importConnectors"},
      {"requestBody",
       request_body({{"type", "object"},
                     {"required", {"document"}},
                     {"properties",
                      {{"document", {{"type", "object"}}},
                       {"passphrase", {{"type", {"string", "null"}}, {"writeOnly", true}}},
                       {"on_conflict",
                        {{"type", "string"},
                         {"enum", {"skip", "replace", "fail"}},
                         {"default", "fail"}}}}}})},
      {"responses",
       with_common(store_writes(body_errors(
           {{"200", ok_response("What was created, replaced, skipped, and each entry's problem",
                                {{"type", "object"}})},
            {"409",
             problem_response("name-taken: with on_conflict fail, nothing was imported")}})))}};
  return paths;
}

json system_paths() {
  json paths;
  paths["/api/health"]["get"] = {
      {"summary", "Liveness (no token needed)"},
      {"operationId", "health"},
      {"security", json::array()},
      {"responses",
       with_common({{"200", ok_response("Healthy", ref("Health"))},
                    {"503", ok_response("The PostgreSQL store cannot be reached", ref("Health"))},
                    // The request gate refuses malformed framing before any route is chosen.
                    {"400", problem_response("A request the server cannot read")}},
                   false)}};
  paths["/api/openapi.json"]["get"] = {
      {"summary", "This document"},
      {"operationId", "openapi"},
      {"responses", with_common({{"200", ok_response("OpenAPI 3.1", {{"type", "object"}})}})}};
  paths["/api/metrics"]["get"] = {
      {"summary", "Metrics in the Prometheus text format (version 0.0.4)"},
      {"operationId", "metrics"},
      {"responses",
       with_common({{"200",
                     {{"description", "Counters, histograms and gauges"},
                      {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}})}};
  return paths;
}

json string_schema() {
  return {{"type", "string"}};
}

json string_schema(const std::string& description) {
  return {{"type", "string"}, {"description", description}};
}

json write_only(const char* description) {
  return {{"type", {"string", "null"}},
          {"writeOnly", true},
          {"description",
           std::string(description) +
               ". Write-only: absent or null keeps what is stored (not when the base URL, or for "
               "OAuth 2.0 "
               "secrets the token URL, moves to another origin: then it must be sent again), "
               "\"\" clears it"}};
}

// The auth methods, one named schema each: a discriminator selects among $refs only.
json auth_method_schemas() {
  json none = {{"type", "object"},
               {"required", {"method"}},
               {"properties", {{"method", {{"const", "none"}}}}}};
  json oauth2 = {
      {"type", "object"},
      {"required", {"method", "token_url", "client_id"}},
      {"properties",
       {{"method", {{"const", "oauth2"}}},
        {"grant_type", {{"type", "string"}, {"enum", {"client_credentials", "password"}}}},
        {"token_url", string_schema("Absolute http(s) URL of the token endpoint")},
        {"client_id", string_schema()},
        {"client_secret", write_only("Client secret")},
        {"client_secret_set", {{"type", "boolean"}, {"readOnly", true}}},
        {"username", string_schema("Required for the password grant")},
        {"password", write_only("Required for the password grant")},
        {"password_set", {{"type", "boolean"}, {"readOnly", true}}},
        {"scope", string_schema("Space-separated")},
        {"audience", string_schema()},
        {"resource", string_schema()},
        {"extra_params", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
        {"client_authentication",
         {{"type", "string"}, {"enum", {"basic", "body", "private_key_jwt"}}}},
        {"token_request_format", {{"type", "string"}, {"enum", {"form", "json"}}}},
        {"private_key", write_only("PEM private key signing the private_key_jwt assertion "
                                   "(RFC 7523 §2.2); required with private_key_jwt")},
        {"private_key_set", {{"type", "boolean"}, {"readOnly", true}}},
        {"signing_alg",
         {{"type", "string"}, {"enum", {"RS256", "PS256", "ES256"}}, {"default", "RS256"}}},
        {"key_id", {{"type", "string"}, {"default", ""}, {"description", "The assertion's kid"}}},
        {"token_field",
         {{"type", "string"},
          {"default", "/access_token"},
          {"description", "RFC 6901 JSON Pointer to the access token in the token response"}}},
        {"expires_field",
         {{"type", "string"},
          {"default", "/expires_in"},
          {"description",
           "RFC 6901 JSON Pointer to the lifetime in seconds (number or "
           "numeric string)"}}},
        {"default_lifetime_s",
         {{"type", "integer"},
          {"minimum", 1},
          {"maximum", 86400},
          {"default", 3600},
          {"description", "When neither expires_field nor the token's JWT exp gives one"}}},
        {"expired_statuses",
         {{"type", "array"},
          {"items", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
          {"minItems", 1},
          {"uniqueItems", true},
          {"default", json::array({401})},
          {"description", "Upstream statuses that drop the token and retry once"}}}}}};
  json api_key = {
      {"type", "object"},
      {"required", {"method", "name"}},
      {"properties",
       {{"method", {{"const", "api_key"}}},
        {"name", string_schema("The header or query parameter name")},
        {"in", {{"type", "string"}, {"enum", {"header", "query"}}, {"default", "header"}}},
        {"value", write_only("The API key (sent to the base URL only)")},
        {"value_set", {{"type", "boolean"}, {"readOnly", true}}}}}};
  json basic = {{"type", "object"},
                {"required", {"method"}},
                {"properties",
                 {{"method", {{"const", "basic"}}},
                  {"username", string_schema("RFC 7617 user-id: no ':', no control characters")},
                  {"password", write_only("Basic password")},
                  {"password_set", {{"type", "boolean"}, {"readOnly", true}}}}}};
  json bearer = {{"type", "object"},
                 {"required", {"method"}},
                 {"properties",
                  {{"method", {{"const", "bearer"}}},
                   {"token", write_only("Static token, an RFC 6750 b64token")},
                   {"token_set", {{"type", "boolean"}, {"readOnly", true}}}}}};
  return {{"AuthNone", none},
          {"AuthOAuth2", oauth2},
          {"AuthApiKey", api_key},
          {"AuthBasic", basic},
          {"AuthBearer", bearer}};
}

json auth_schema() {
  return {{"oneOf",
           {ref("AuthNone"), ref("AuthOAuth2"), ref("AuthApiKey"), ref("AuthBasic"),
            ref("AuthBearer")}},
          {"discriminator",
           {{"propertyName", "method"},
            {"mapping",
             {{"none", "#/components/schemas/AuthNone"},
              {"oauth2", "#/components/schemas/AuthOAuth2"},
              {"api_key", "#/components/schemas/AuthApiKey"},
              {"basic", "#/components/schemas/AuthBasic"},
              {"bearer", "#/components/schemas/AuthBearer"}}}}}};
}

// docs/API.md, "TLS, proxy, retries and rate limit".
json tls_schema() {
  json cert = {{"type", "object"},
               {"readOnly", true},
               {"properties",
                {{"subject", string_schema()},
                 {"issuer", string_schema()},
                 {"not_after", {{"type", "string"}, {"format", "date-time"}}}}}};
  return {{"type", "object"},
          {"properties",
           {{"ca_pem", string_schema("PEM certificates trusted besides the system roots")},
            {"ca", {{"type", "array"}, {"readOnly", true}, {"items", cert}}},
            {"client_cert_pem", string_schema("PEM client certificate (mutual TLS)")},
            {"client_cert", cert},
            {"client_key_pem", write_only("PEM private key of the client certificate")},
            {"client_key_set", {{"type", "boolean"}, {"readOnly", true}}}}}};
}

json proxy_schema() {
  return {{"type", "object"},
          {"properties",
           {{"mode", {{"type", "string"}, {"enum", {"server", "none", "custom"}}}},
            {"url", string_schema("custom: http(s)://host:port")},
            {"username", string_schema()},
            {"password", write_only("custom proxy password")},
            {"password_set", {{"type", "boolean"}, {"readOnly", true}}}}}};
}

// Kept beside the connector, not a field of it: read-only, and no change of version.
json connector_health_schema() {
  const json nullable_time = {{"type", {"string", "null"}}, {"format", "date-time"}};
  const json nullable_text = {{"type", {"string", "null"}}};
  return {{"type", "object"},
          {"readOnly", true},
          {"required",
           {"state", "last_test_at", "last_test_ok", "last_failure_at", "last_failure",
            "failing_since"}},
          {"properties",
           {{"state", {{"type", "string"}, {"enum", {"unknown", "ok", "failing"}}}},
            {"last_test_at", nullable_time},
            {"last_test_ok", {{"type", {"boolean", "null"}}}},
            {"last_failure_at", nullable_time},
            {"last_failure", nullable_text},
            {"failing_since", nullable_time}}}};
}

json connector_schema(bool input) {
  json header = {{"type", "object"},
                 {"required", {"name"}},
                 {"properties",
                  {{"name", string_schema("RFC 9110 token")},
                   {"value", string_schema("No CR, LF or NUL; write-only when secret")},
                   {"secret", {{"type", "boolean"}, {"default", false}}},
                   {"value_set", {{"type", "boolean"}, {"readOnly", true}}}}}};
  json props = {
      {"type", {{"type", "string"}, {"const", "api"}}},
      {"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxNameLength}}},
      {"base_url", string_schema("Absolute http(s) URL, no userinfo, no fragment")},
      {"status", {{"type", "string"}, {"enum", {"active", "disabled"}}}},
      {"auth", auth_schema()},
      {"headers", {{"type", "array"}, {"maxItems", kMaxHeaders}, {"items", header}}},
      {"timeout_ms",
       {{"type", "integer"},
        {"minimum", 1},
        {"maximum", kMaxTimeoutMs},
        {"default", kDefaultTimeoutMs}}},
      {"tls", tls_schema()},
      {"proxy", proxy_schema()},
      {"retry",
       {{"type", "object"},
        {"properties",
         {{"max_attempts",
           {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxAttempts}, {"default", 1}}}}}}},
      {"rate_limit",
       {{"type", "object"},
        {"properties",
         {{"requests_per_second",
           {{"type", "number"}, {"minimum", 0}, {"maximum", kMaxRequestsPerSecond}}},
          {"burst", {{"type", "number"}, {"minimum", 0}, {"maximum", kMaxRequestsPerSecond}}}}}}}};
  if (!input) {
    props["id"] = {{"type", "string"}, {"readOnly", true}};
    props["created_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
    props["updated_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
    props["version"] = {{"type", "integer"}, {"readOnly", true}};
    props["health"] = connector_health_schema();
  }
  json schema = {{"type", "object"}, {"properties", props}};
  schema["required"] =
      input ? json{"name", "base_url"}
            : json{"id",      "type",       "name",       "base_url",   "status", "auth",
                   "headers", "timeout_ms", "created_at", "updated_at", "version"};
  return schema;
}

json problem_schema() {
  json types = json::array();
  for (auto t : all_problem_types()) types.push_back(problem_type_uri(t));
  return {{"type", "object"},
          {"required", {"type", "title", "status"}},
          {"properties",
           {{"type", {{"type", "string"}, {"enum", types}}},
            {"title", string_schema()},
            {"status", {{"type", "integer"}}},
            {"detail", string_schema()},
            {"errors",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties", {{"field", string_schema()}, {"message", string_schema()}}}}}}},
            {"oauth_error", string_schema()},
            {"oauth_error_description", string_schema()},
            {"retry_after",
             {{"type", "integer"},
              {"description", "rate-limited, busy, store-unavailable: seconds to wait"}}}}}};
}

json outbound_schemas() {
  json problem_names = json::array();
  for (auto t : all_problem_types()) problem_names.push_back(std::string(problem_name(t)));
  json step = {
      {"type", "object"},
      {"required", {"name", "ok"}},
      {"properties",
       {{"name", {{"type", "string"}, {"enum", {"token", "request"}}}},
        {"ok", {{"type", "boolean"}}},
        {"status", {{"type", "integer"}}},
        {"latency_ms", {{"type", "number"}}},
        {"method", string_schema()},
        {"url", string_schema()},
        {"error", string_schema()},
        {"oauth_error", string_schema()},
        {"oauth_error_description", string_schema()},
        {"headers", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
        {"body_preview", string_schema("First " + byte_size_text(outbound::kPreviewBodyBytes))},
        {"body_truncated", {{"type", "boolean"}}},
        {"problem",
         {{"type", "string"},
          {"enum", problem_names},
          {"description", "When not ok: the problem type's name, as in Problem"}}},
        {"request_headers",
         {{"type", "object"},
          {"additionalProperties", {{"type", "string"}}},
          {"description", "Headers sent; secret values shown as ***"}}},
        {"redirects", {{"type", "integer"}, {"minimum", 1}}},
        {"final_url", string_schema("Where the redirects ended")},
        {"attempts", {{"type", "integer"}, {"minimum", 1}}},
        {"http_version", string_schema("HTTP version of the answer")},
        {"via_proxy", string_schema("The proxy used, without credentials")},
        {"tls", ref("TlsDetails")},
        {"grant",
         {{"type", "string"},
          {"enum", {"client_credentials", "password", "refresh_token"}},
          {"description", "The token step: the grant sent"}}},
        {"request", ref("TokenExchangeRequest")},
        {"response", ref("TokenExchangeResponse")},
        {"token_type", {{"type", "string"}, {"const", "Bearer"}}},
        {"expires_in", {{"type", "integer"}, {"description", "Seconds"}}},
        {"scope", string_schema("Scopes granted")}}}};
  json strings = {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}};
  json tls_details = {{"type", "object"},
                      {"description", "The TLS session of the answer"},
                      {"properties",
                       {{"version", string_schema()},
                        {"peer_subject", string_schema()},
                        {"peer_issuer", string_schema()},
                        {"peer_not_after", string_schema()}}}};
  json exchange_request = {
      {"type", "object"},
      {"description",
       "The token step: the token request as sent, every secret, client assertion, password "
       "and refresh token as ***, every Authorization value as ***"},
      {"properties",
       {{"method", string_schema()},
        {"url", string_schema()},
        {"headers", strings},
        {"body", string_schema("grant_type=...&client_secret=***")}}}};
  json exchange_response = {
      {"type", "object"},
      {"description",
       "The token step: the token endpoint's answer, the tokens it issued as *** and echoed "
       "secrets masked"},
      {"properties",
       {{"status", {{"type", "integer"}}},
        {"headers", strings},
        {"body_preview", string_schema("First " + byte_size_text(outbound::kPreviewBodyBytes))}}}};
  return {{"TlsDetails", tls_details},
          {"TokenExchangeRequest", exchange_request},
          {"TokenExchangeResponse", exchange_response},
          {"TestRequest",
           {{"type", "object"},
            {"properties", {{"method", string_schema()}, {"path", string_schema()}}}}},
          {"TestResult",
           {{"type", "object"},
            {"required", {"ok", "steps"}},
            {"properties",
             {{"ok", {{"type", "boolean"}}}, {"steps", {{"type", "array"}, {"items", step}}}}}}},
          {"ProxyRequest",
           {{"type", "object"},
            {"required", {"method", "path"}},
            {"properties",
             {{"method", string_schema()},
              {"path", string_schema("Starts with /, joined to base_url")},
              {"query", strings},
              {"headers", strings},
              {"body", {{"description", "Any JSON value, sent as the request body"}}}}}}},
          {"ProxyResponse",
           {{"type", "object"},
            {"properties",
             {{"status", {{"type", "integer"}}},
              {"headers", strings},
              {"body", string_schema("At most " + byte_size_text(outbound::kProxyBodyBytes))},
              {"body_truncated", {{"type", "boolean"}}},
              {"latency_ms", {{"type", "number"}}}}}}}};
}

json schemas() {
  json history_entry = {
      {"type", "object"},
      {"properties",
       {{"at", {{"type", "string"}, {"format", "date-time"}}},
        {"action",
         {{"type", "string"},
          {"enum", {"created", "updated", "activated", "disabled", "deleted", "tested"}}}},
        {"version", {{"type", "integer"}}},
        {"changes",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            // from/to: the field's value before and after, of the field's own JSON type.
            {"properties",
             {{"field", string_schema()}, {"from", json::object()}, {"to", json::object()}}}}}}},
        {"actor",
         {{"type", "object"},
          {"description", "Who made the change; absent on entries older than actors"},
          {"properties",
           {{"type", {{"type", "string"}, {"enum", {"user", "token", "admin-token"}}}},
            {"id", string_schema()},
            {"name", string_schema()}}}}}}}};
  json s = {{"Connector", connector_schema(false)},
            {"ConnectorInput", connector_schema(true)},
            {"ConnectorPage",
             {{"type", "object"},
              {"properties",
               {{"items", {{"type", "array"}, {"items", ref("Connector")}}},
                {"next_cursor", {{"type", {"string", "null"}}}},
                {"total", {{"type", "integer"}}}}}}},
            {"History",
             {{"type", "object"},
              {"properties", {{"items", {{"type", "array"}, {"items", history_entry}}}}}}},
            {"Health",
             {{"type", "object"},
              {"properties",
               {{"status", {{"type", "string"}, {"enum", {"ok", "unavailable"}}}},
                {"version", string_schema()},
                {"store", {{"type", "string"}, {"enum", {"ok", "unavailable"}}}}}}}},
            {"Problem", problem_schema()}};
  s.update(auth_method_schemas());
  s.update(outbound_schemas());
  s.update(openapi_parts::identity_schemas());
  return s;
}

json build_document() {
  json paths = system_paths();
  paths.update(connector_paths());
  paths.update(outbound_paths());
  paths.update(transfer_paths());
  paths.update(openapi_parts::identity_paths());
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Data Hub API Connectors"},
            {"version", DATAHUB_VERSION},
            {"description", "Connectors from the commerce platform to ERPs, PIMs and middleware."},
            // No licence is granted: the module is the company's own.
            {"license", {{"name", "Proprietary"}, {"identifier", "LicenseRef-Proprietary"}}}}},
          {"servers", {{{"url", "/"}}}},
          {"security", {{{"adminToken", json::array()}}, {{"session", json::array()}}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas()},
            {"securitySchemes",
             {{"adminToken", {{"type", "http"}, {"scheme", "bearer"}}},
              {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "datahub_session"}}}}}}}};
}

}  // namespace

const json& openapi_document() {
  static const json document = build_document();
  return document;
}

}  // namespace datahub::backend
