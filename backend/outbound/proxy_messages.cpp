#include "outbound/proxy_messages.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "datahub/connector_validation.h"
#include "datahub/text.h"
#include "outbound/request_target.h"

namespace datahub::outbound {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};

// Wrong JSON types (400) and broken rules (422) are gathered apart: types win.
struct Errors {
  std::vector<FieldError> types;
  std::vector<FieldError> rules;

  Problem problem() const {
    if (!types.empty())
      return make_problem(ProblemType::BadRequest, "some fields have the wrong JSON type", types);
    return validation_problem(rules);
  }
  bool any() const { return !types.empty() || !rules.empty(); }
};

void read_method(const json& body, std::string& method, Errors& errors) {
  auto it = body.find("method");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_string()) return errors.types.push_back({"method", "must be a string"});
  method = to_upper_ascii(it->get<std::string>());
  if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end())
    errors.rules.push_back(
        {"method", "must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"});
}

void read_path(const json& body, std::string& path, Errors& errors) {
  auto it = body.find("path");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_string()) return errors.types.push_back({"path", "must be a string"});
  path = it->get<std::string>();
  if (auto message = check_request_path(path); !message.empty())
    errors.rules.push_back({"path", message});
}

// Query values may be strings, numbers or booleans (sent as their JSON text).
void read_query(const json& body, std::map<std::string, std::string>& query, Errors& errors) {
  auto it = body.find("query");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_object()) return errors.types.push_back({"query", "must be an object"});
  for (const auto& [name, value] : it->items()) {
    if (value.is_string())
      query[name] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      query[name] = value.dump();
    else
      errors.types.push_back({"query." + name, "must be a string, number or boolean"});
  }
}

std::string check_caller_header(const std::string& name, const std::string& value) {
  // The name goes out as given: the shared rule trims before it checks (connector headers are
  // trimmed when saved), so "Host " or "\r\nX" must be refused here, before the reserved list
  // compares names.
  if (trim_ascii(name).size() != name.size()) return "must not start or end with whitespace";
  if (auto message = check_header_name(name); !message.empty()) return message;
  if (is_reserved_header(name)) return "is set by the HTTP client and cannot be sent";
  return check_header_value(value);
}

void read_headers(const json& body, std::map<std::string, std::string>& headers, Errors& errors) {
  auto it = body.find("headers");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_object()) return errors.types.push_back({"headers", "must be an object"});
  for (const auto& [name, value] : it->items()) {
    if (!value.is_string()) {
      errors.types.push_back({"headers." + name, "must be a string"});
      continue;
    }
    auto text = value.get<std::string>();
    if (auto message = check_caller_header(name, text); !message.empty())
      errors.rules.push_back({"headers." + name, message});
    else
      headers[name] = text;
  }
}

}  // namespace

Result<ProxyRequest> proxy_request_from_json(json body) {
  if (!body.is_object())
    return make_problem(ProblemType::BadRequest, "the body must be a JSON object");
  ProxyRequest request;
  Errors errors;
  read_method(body, request.method, errors);
  read_path(body, request.path, errors);
  read_query(body, request.query, errors);
  read_headers(body, request.headers, errors);
  // Moved, not copied: the body may be up to 1 MiB of JSON.
  if (auto it = body.find("body"); it != body.end() && !it->is_null())
    request.body = std::move(*it);
  if (errors.any()) return errors.problem();
  return request;
}

Result<TestRequest> test_request_from_json(const json& body) {
  TestRequest request;
  if (body.is_null()) return request;
  if (!body.is_object())
    return make_problem(ProblemType::BadRequest, "the body must be a JSON object");
  Errors errors;
  read_method(body, request.method, errors);
  read_path(body, request.path, errors);
  if (errors.any()) return errors.problem();
  return request;
}

}  // namespace datahub::outbound
