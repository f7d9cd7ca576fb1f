#include <algorithm>

#include "datahub/test_result.h"
#include "json_members.h"

namespace datahub {

using json_members::put;
using json_members::Reader;
using nlohmann::json;

bool all_steps_ok(const std::vector<TestStep>& steps) {
  return !steps.empty() &&
         std::all_of(steps.begin(), steps.end(), [](const TestStep& s) { return s.ok; });
}

json to_json(const TlsInfo& tls) {
  return {{"version", tls.version},
          {"peer_subject", tls.peer_subject},
          {"peer_issuer", tls.peer_issuer},
          {"peer_not_after", tls.peer_not_after}};
}

json to_json(const TokenExchangeRequest& r) {
  return {{"method", r.method}, {"url", r.url}, {"headers", r.headers}, {"body", r.body}};
}

json to_json(const TokenExchangeResponse& r) {
  return {{"status", r.status}, {"headers", r.headers}, {"body_preview", r.body_preview}};
}

json to_json(const TestStep& s) {
  json out = {{"name", s.name}, {"ok", s.ok}};
  put(out, "method", s.method);
  put(out, "url", s.url);
  put(out, "request_headers", s.request_headers);
  put(out, "status", s.status);
  put(out, "latency_ms", s.latency_ms);
  put(out, "headers", s.headers);
  put(out, "body_preview", s.body_preview);
  put(out, "body_truncated", s.body_truncated);
  put(out, "redirects", s.redirects);
  put(out, "final_url", s.final_url);
  put(out, "attempts", s.attempts);
  put(out, "http_version", s.http_version);
  put(out, "via_proxy", s.via_proxy);
  if (s.tls) out["tls"] = to_json(*s.tls);
  put(out, "grant", s.grant);
  if (s.request) out["request"] = to_json(*s.request);
  if (s.response) out["response"] = to_json(*s.response);
  put(out, "token_type", s.token_type);
  put(out, "expires_in", s.expires_in);
  put(out, "scope", s.scope);
  put(out, "error", s.error);
  put(out, "problem", s.problem);
  put(out, "oauth_error", s.oauth_error);
  put(out, "oauth_error_description", s.oauth_error_description);
  return out;
}

json to_json(const TestResult& result) {
  json steps = json::array();
  for (const TestStep& step : result.steps) steps.push_back(to_json(step));
  return {{"ok", result.ok}, {"steps", std::move(steps)}};
}

namespace {

constexpr const char* kString = "a string";
constexpr const char* kInteger = "an integer";
constexpr const char* kNumber = "a number";
constexpr const char* kBoolean = "a boolean";
constexpr const char* kStrings = "an object of strings";

void read_tls(const json& body, TestStep& s, std::vector<FieldError>& errors) {
  auto it = body.find("tls");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_object()) return errors.push_back({"tls", "must be an object"});
  TlsInfo tls;
  Reader r(*it, "tls.", errors);
  r.read("version", tls.version, kString);
  r.read("peer_subject", tls.peer_subject, kString);
  r.read("peer_issuer", tls.peer_issuer, kString);
  r.read("peer_not_after", tls.peer_not_after, kString);
  s.tls = std::move(tls);
}

// An optional object member read by `read` into `out`; its errors under "<path><name>.".
template <typename T, typename ReadFn>
void read_object(const json& body, const char* name, const std::string& path, std::optional<T>& out,
                 std::vector<FieldError>& errors, ReadFn read) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return;
  if (!it->is_object()) return errors.push_back({path + name, "must be an object"});
  T value;
  Reader r(*it, path + name + ".", errors);
  read(r, value);
  out = std::move(value);
}

void read_exchange(const json& body, const std::string& path, TestStep& s,
                   std::vector<FieldError>& errors) {
  read_object(body, "request", path, s.request, errors, [](Reader& r, TokenExchangeRequest& v) {
    r.read("method", v.method, kString);
    r.read("url", v.url, kString);
    r.read("headers", v.headers, kStrings);
    r.read("body", v.body, kString);
  });
  read_object(body, "response", path, s.response, errors, [](Reader& r, TokenExchangeResponse& v) {
    r.read("status", v.status, kInteger);
    r.read("headers", v.headers, kStrings);
    r.read("body_preview", v.body_preview, kString);
  });
}

TestStep read_step(const json& body, const std::string& path, std::vector<FieldError>& errors) {
  TestStep s;
  Reader r(body, path, errors);
  r.read("name", s.name, kString);
  r.read("ok", s.ok, kBoolean);
  r.read("method", s.method, kString);
  r.read("url", s.url, kString);
  r.read("request_headers", s.request_headers, kStrings);
  r.read("status", s.status, kInteger);
  r.read("latency_ms", s.latency_ms, kNumber);
  r.read("headers", s.headers, kStrings);
  r.read("body_preview", s.body_preview, kString);
  r.read("body_truncated", s.body_truncated, kBoolean);
  r.read("redirects", s.redirects, kInteger);
  r.read("final_url", s.final_url, kString);
  r.read("attempts", s.attempts, kInteger);
  r.read("http_version", s.http_version, kString);
  r.read("via_proxy", s.via_proxy, kString);
  std::vector<FieldError> tls_errors;
  read_tls(body, s, tls_errors);
  for (auto& e : tls_errors) errors.push_back({path + e.field, e.message});
  r.read("grant", s.grant, kString);
  read_exchange(body, path, s, errors);
  r.read("token_type", s.token_type, kString);
  r.read("expires_in", s.expires_in, kInteger);
  r.read("scope", s.scope, kString);
  r.read("error", s.error, kString);
  r.read("problem", s.problem, kString);
  r.read("oauth_error", s.oauth_error, kString);
  r.read("oauth_error_description", s.oauth_error_description, kString);
  return s;
}

}  // namespace

Result<TestStep> test_step_from_json(const json& body) {
  if (!body.is_object()) return json_members::unreadable("test step", {{"", "must be an object"}});
  std::vector<FieldError> errors;
  TestStep step = read_step(body, "", errors);
  if (!errors.empty()) return json_members::unreadable("test step", std::move(errors));
  return step;
}

Result<TestResult> test_result_from_json(const json& body) {
  std::vector<FieldError> errors;
  if (!body.is_object())
    return json_members::unreadable("test result", {{"", "must be an object"}});
  TestResult result;
  Reader(body, "", errors).read("ok", result.ok, kBoolean);
  auto steps = body.find("steps");
  if (steps == body.end() || !steps->is_array()) {
    errors.push_back({"steps", "must be an array"});
  } else {
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const std::string path = "steps[" + std::to_string(i) + "]";
      if (!(*steps)[i].is_object()) {
        errors.push_back({path, "must be an object"});
        continue;
      }
      result.steps.push_back(read_step((*steps)[i], path + ".", errors));
    }
  }
  if (!errors.empty()) return json_members::unreadable("test result", std::move(errors));
  return result;
}

}  // namespace datahub
