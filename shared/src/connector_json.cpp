// Writing the connector resource: the response form (no secret, ever) and the request form.
#include "datahub/connector_json.h"

#include "datahub/secret_fields.h"

namespace datahub {
namespace {

using nlohmann::json;

enum class Form { Response, Request };

// A write-only field: a response says only whether one is stored; a request carries the new
// value, and only when there is one (absent means "keep").
void put_write_only(json& out, const std::string& key, const WriteOnly& field, Form form,
                    const std::string& set_flag) {
  if (form == Form::Response) {
    out[set_flag] = field.present();
  } else if (field.value) {
    out[key] = *field.value;
  }
}

// The OAuth 2.0 options added after v1: written only when not at their default, so a connector
// that does not use them reads (and diffs in its history) as before.
void put_oauth2_options(json& out, const OAuth2Settings& o) {
  const OAuth2Settings d;
  if (o.signing_alg != d.signing_alg) out["signing_alg"] = to_string(o.signing_alg);
  if (o.key_id != d.key_id) out["key_id"] = o.key_id;
  if (o.token_field != d.token_field) out["token_field"] = o.token_field;
  if (o.expires_field != d.expires_field) out["expires_field"] = o.expires_field;
  if (o.default_lifetime_s != d.default_lifetime_s)
    out["default_lifetime_s"] = o.default_lifetime_s;
  if (o.expired_statuses != d.expired_statuses) out["expired_statuses"] = o.expired_statuses;
}

json auth_json(const AuthSettings& auth) {
  switch (auth.method) {  // the secrets of each: from the table (put_secrets)
    case AuthMethod::None:
    case AuthMethod::Bearer:
      return {{"method", to_string(auth.method)}};
    case AuthMethod::ApiKey:
      return {{"method", to_string(auth.method)},
              {"name", auth.api_key.name},
              {"in", to_string(auth.api_key.in)}};
    case AuthMethod::Basic:
      return {{"method", to_string(auth.method)}, {"username", auth.basic.username}};
    case AuthMethod::OAuth2:
      break;
  }
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
  put_oauth2_options(out, o);
  return out;  // the secrets: from the table (put_secrets)
}

json tls_json(const TlsSettings& tls) {
  return {{"ca_pem", tls.ca_pem}, {"client_cert_pem", tls.client_cert_pem}};
}

json proxy_json(const ProxySettings& proxy) {
  json out = {{"mode", to_string(proxy.mode)}};
  if (proxy.mode == ProxyMode::Custom) {
    out["url"] = proxy.url;
    out["username"] = proxy.username;
  }
  return out;
}

json rate_limit_json(const RateLimitSettings& limit) {
  return {{"requests_per_second", limit.requests_per_second}, {"burst", limit.burst}};
}

// Each write-only field in use goes into its section ("auth.client_secret" into "auth").
void put_secrets(json& out, const Connector& c, Form form) {
  for (const auto& f : secret_fields()) {
    if (!f.in_use(c)) continue;
    const auto dot = f.path.rfind('.');
    json& section = out[std::string(f.path.substr(0, dot))];
    put_write_only(section, std::string(f.path.substr(dot + 1)), f.of(c), form,
                   std::string(f.set_flag));
  }
}

json header_json(const Header& h, Form form) {
  json out = {{"name", h.name}, {"secret", h.secret}};
  if (h.secret) {
    put_write_only(out, "value", h.value, form, "value_set");
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
  json out = {{"type", c.type},
              {"name", c.name},
              {"base_url", c.base_url},
              {"status", to_string(c.status)},
              {"auth", auth_json(c.auth)},
              {"headers", std::move(headers)},
              {"timeout_ms", c.timeout_ms},
              {"tls", tls_json(c.tls)},
              {"proxy", proxy_json(c.proxy)},
              {"retry", {{"max_attempts", c.retry.max_attempts}}},
              {"rate_limit", rate_limit_json(c.rate_limit)}};
  put_secrets(out, c, form);
  return out;
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
