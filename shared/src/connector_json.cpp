// Writing the connector resource: the response form (no secret, ever) and the request form.
#include "datahub/connector_json.h"

namespace datahub {
namespace {

using nlohmann::json;

enum class Form { Response, Request };

// A write-only field: a response says only whether one is stored; a request carries the new
// value, and only when there is one (absent means "keep").
void put_write_only(json& out, const char* key, const WriteOnly& field, Form form) {
  if (form == Form::Response) {
    out[std::string(key) + "_set"] = field.present();
  } else if (field.value) {
    out[key] = *field.value;
  }
}

json auth_json(const AuthSettings& auth, Form form) {
  if (auth.method == AuthMethod::None) return {{"method", to_string(AuthMethod::None)}};
  const auto& o = auth.oauth2;
  json out = {{"method", to_string(auth.method)},
              {"grant_type", to_string(o.grant_type)},
              {"token_url", o.token_url},
              {"client_id", o.client_id},
              {"username", o.username},
              {"scope", o.scope},
              {"audience", o.audience},
              {"resource", o.resource},
              {"extra_params", json(o.extra_params)},
              {"client_authentication", to_string(o.client_authentication)},
              {"token_request_format", to_string(o.token_request_format)}};
  put_write_only(out, "client_secret", o.client_secret, form);
  put_write_only(out, "password", o.password, form);
  return out;
}

json header_json(const Header& h, Form form) {
  json out = {{"name", h.name}, {"secret", h.secret}};
  if (h.secret) {
    put_write_only(out, "value", h.value, form);
  } else if (form == Form::Response) {
    out["value"] = h.value.value.value_or(std::string{});  // a plain value travels as is
  } else if (h.value.value) {
    out["value"] = *h.value.value;
  }
  return out;
}

json editable_json(const Connector& c, Form form) {
  json headers = json::array();
  for (const auto& h : c.headers) headers.push_back(header_json(h, form));
  return {{"type", c.type},
          {"name", c.name},
          {"base_url", c.base_url},
          {"status", to_string(c.status)},
          {"auth", auth_json(c.auth, form)},
          {"headers", std::move(headers)},
          {"timeout_ms", c.timeout_ms}};
}

}  // namespace

json to_response_json(const Connector& c) {
  json out = editable_json(c, Form::Response);
  out["id"] = c.id;
  out["created_at"] = c.created_at;
  out["updated_at"] = c.updated_at;
  out["version"] = c.version;
  return out;
}

json to_request_json(const Connector& c) {
  return editable_json(c, Form::Request);
}

}  // namespace datahub
