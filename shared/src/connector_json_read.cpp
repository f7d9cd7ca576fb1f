// Reading the connector resource. Every member is looked at before giving up, so one answer
// names every wrong field: JSON type errors (400) apart from value errors (422).
#include <cmath>
#include <cstdint>
#include <limits>

#include "datahub/auth_methods.h"
#include "datahub/connector_json.h"
#include "datahub/secret_fields.h"

namespace datahub {
namespace {

using nlohmann::json;

std::string join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

// Collects errors while reading; each read_* leaves `out` untouched when the member is absent,
// null or of the wrong type.
class Reader {
 public:
  std::vector<FieldError> type_errors;
  std::vector<FieldError> value_errors;

  // The member when present and not null; records a type error when `ok` says it is wrong.
  const json* member(const json& obj, const char* key, const std::string& path,
                     bool (json::*ok)() const noexcept, const char* expected) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (!((*it).*ok)()) {
      type_errors.push_back({path, std::string("must be ") + expected});
      return nullptr;
    }
    return &*it;
  }

  void read_string(const json& obj, const char* key, const std::string& prefix, std::string& out) {
    if (const auto* v = member(obj, key, join(prefix, key), &json::is_string, "a string")) {
      out = v->get<std::string>();
    }
  }

  void read_bool(const json& obj, const char* key, const std::string& prefix, bool& out) {
    if (const auto* v = member(obj, key, join(prefix, key), &json::is_boolean, "a boolean")) {
      out = v->get<bool>();
    }
  }

  // The value and its `<key>_set` flag; null or absent leaves the value empty ("keep").
  void read_write_only(const json& obj, const char* key, const std::string& prefix, WriteOnly& out,
                       const std::string& set_flag) {
    const auto path = join(prefix, key);
    if (const auto* v = member(obj, key, path, &json::is_string, "a string or null")) {
      out.value = v->get<std::string>();
    }
    read_bool(obj, set_flag.c_str(), prefix, out.is_set);
  }

  template <class Enum>
  void read_enum(const json& obj, const char* key, const std::string& prefix,
                 std::optional<Enum> (*parse)(std::string_view), const char* allowed, Enum& out) {
    const auto path = join(prefix, key);
    const auto* v = member(obj, key, path, &json::is_string, "a string");
    if (!v) return;
    if (const auto parsed = parse(v->get<std::string>())) {
      out = *parsed;
    } else {
      value_errors.push_back({path, std::string("must be one of: ") + allowed});
    }
  }

  void read_number(const json& obj, const char* key, const std::string& prefix, double& out) {
    if (const auto* v = member(obj, key, join(prefix, key), &json::is_number, "a number")) {
      out = v->get<double>();
    }
  }

  // Out-of-range integers are clamped, so validate() reports them with the range to use.
  template <class Int>
  void read_integer(const json& obj, const char* key, const std::string& prefix, Int& out) {
    const auto path = join(prefix, key);
    const auto* v = member(obj, key, path, &json::is_number, "a number");
    if (!v) return;
    const double d = v->get<double>();
    if (!v->is_number_integer() && std::floor(d) != d) {
      value_errors.push_back({path, "must be a whole number"});
      return;
    }
    out = clamp<Int>(*v);
  }

 private:
  template <class Int>
  static Int clamp(const json& v) {
    constexpr auto lo = std::numeric_limits<Int>::min();
    constexpr auto hi = std::numeric_limits<Int>::max();
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      return u > static_cast<std::uint64_t>(hi) ? hi : static_cast<Int>(u);
    }
    if (v.is_number_integer()) {
      const auto i = v.get<std::int64_t>();
      return i < lo ? lo : i > hi ? hi : static_cast<Int>(i);
    }
    const double d = v.get<double>();
    return d < static_cast<double>(lo)    ? lo
           : d >= static_cast<double>(hi) ? hi
                                          : static_cast<Int>(d);
  }
};

void read_extra_params(Reader& r, const json& auth, std::map<std::string, std::string>& out) {
  const auto* params =
      r.member(auth, "extra_params", "auth.extra_params", &json::is_object, "an object");
  if (!params) return;
  for (const auto& [key, value] : params->items()) {
    if (value.is_string()) {
      out[key] = value.get<std::string>();
    } else {
      r.type_errors.push_back({"auth.extra_params." + key, "must be a string"});
    }
  }
}

// The list as given (repeats and ranges are validate()'s); a non-integer item is a type error.
void read_statuses(Reader& r, const json& auth, std::vector<int>& out) {
  const auto* list =
      r.member(auth, "expired_statuses", "auth.expired_statuses", &json::is_array, "an array");
  if (!list) return;
  std::vector<int> statuses;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& item = (*list)[i];
    if (!item.is_number_integer()) {
      r.type_errors.push_back(
          {"auth.expired_statuses[" + std::to_string(i) + "]", "must be a whole number"});
      return;
    }
    const auto v = item.get<std::int64_t>();
    statuses.push_back(v < 0 ? -1 : v > 999 ? 1000 : static_cast<int>(v));  // validate() says
  }
  out = std::move(statuses);
}

// The OAuth 2.0 options added after v1 (private_key_jwt, token response fields, expiry).
void read_oauth2_options(Reader& r, const json& auth, OAuth2Settings& o) {
  const std::string p = "auth";
  r.read_enum(auth, "signing_alg", p, parse_signing_alg, "RS256, PS256, ES256", o.signing_alg);
  r.read_string(auth, "key_id", p, o.key_id);
  r.read_string(auth, "token_field", p, o.token_field);
  r.read_string(auth, "expires_field", p, o.expires_field);
  r.read_integer(auth, "default_lifetime_s", p, o.default_lifetime_s);
  read_statuses(r, auth, o.expired_statuses);
}

void read_auth(Reader& r, const json& body, AuthSettings& auth) {
  const auto* obj = r.member(body, "auth", "auth", &json::is_object, "an object");
  if (!obj) return;
  const std::string p = "auth";
  auto& o = auth.oauth2;
  r.read_enum(*obj, "method", p, parse_auth_method, auth_method_names().c_str(), auth.method);
  // "username" is Basic's or the OAuth2 password grant's, by the method.
  r.read_string(*obj, "username", p,
                auth.method == AuthMethod::Basic ? auth.basic.username : o.username);
  r.read_string(*obj, "name", p, auth.api_key.name);
  r.read_enum(*obj, "in", p, parse_api_key_location, "header, query", auth.api_key.in);
  r.read_enum(*obj, "grant_type", p, parse_grant_type, "client_credentials, password",
              o.grant_type);
  r.read_string(*obj, "token_url", p, o.token_url);
  r.read_string(*obj, "client_id", p, o.client_id);
  r.read_string(*obj, "scope", p, o.scope);
  r.read_string(*obj, "audience", p, o.audience);
  r.read_string(*obj, "resource", p, o.resource);
  read_extra_params(r, *obj, o.extra_params);
  r.read_enum(*obj, "client_authentication", p, parse_client_authentication,
              "basic, body, private_key_jwt", o.client_authentication);
  r.read_enum(*obj, "token_request_format", p, parse_token_request_format, "form, json",
              o.token_request_format);
  read_oauth2_options(r, *obj, o);
}

void read_tls(Reader& r, const json& body, TlsSettings& tls) {
  const auto* obj = r.member(body, "tls", "tls", &json::is_object, "an object");
  if (!obj) return;
  r.read_string(*obj, "ca_pem", "tls", tls.ca_pem);
  r.read_string(*obj, "client_cert_pem", "tls", tls.client_cert_pem);
}

void read_proxy(Reader& r, const json& body, ProxySettings& proxy) {
  const auto* obj = r.member(body, "proxy", "proxy", &json::is_object, "an object");
  if (!obj) return;
  r.read_enum(*obj, "mode", "proxy", parse_proxy_mode, "server, none, custom", proxy.mode);
  r.read_string(*obj, "url", "proxy", proxy.url);
  r.read_string(*obj, "username", "proxy", proxy.username);
}

void read_retry_and_rate_limit(Reader& r, const json& body, Connector& c) {
  if (const auto* retry = r.member(body, "retry", "retry", &json::is_object, "an object"))
    r.read_integer(*retry, "max_attempts", "retry", c.retry.max_attempts);
  const auto* limit = r.member(body, "rate_limit", "rate_limit", &json::is_object, "an object");
  if (!limit) return;
  r.read_number(*limit, "requests_per_second", "rate_limit", c.rate_limit.requests_per_second);
  r.read_number(*limit, "burst", "rate_limit", c.rate_limit.burst);
}

// Each write-only field from its section, when the section is an object (its own reader
// reports it otherwise).
// Two methods may name a secret alike ("auth.password": OAuth2's and Basic's): the value goes
// to the one in use, else to the first row of that name, so it is read (and checked) once.
bool read_elsewhere(const SecretField& f, const Connector& c) {
  if (f.in_use(c)) return false;
  const auto fields = secret_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& g = fields[i];
    if (&g == &f || g.path != f.path) continue;
    if (g.in_use(c) || &g < &f) return true;
  }
  return false;
}

void read_secrets(Reader& r, const json& body, Connector& c) {
  for (const auto& f : secret_fields()) {
    if (read_elsewhere(f, c)) continue;
    const auto dot = f.path.rfind('.');
    const std::string section(f.path.substr(0, dot));
    const auto it = body.find(section);
    if (it == body.end() || !it->is_object()) continue;
    r.read_write_only(*it, std::string(f.path.substr(dot + 1)).c_str(), section, f.of(c),
                      std::string(f.set_flag));
  }
}

void read_headers(Reader& r, const json& body, std::vector<Header>& headers) {
  const auto* list = r.member(body, "headers", "headers", &json::is_array, "an array");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto path = "headers[" + std::to_string(i) + "]";
    const auto& item = (*list)[i];
    Header h;
    if (!item.is_object()) {
      r.type_errors.push_back({path, "must be an object"});
    } else {
      r.read_string(item, "name", path, h.name);
      r.read_write_only(item, "value", path, h.value, "value_set");
      r.read_bool(item, "secret", path, h.secret);
    }
    headers.push_back(std::move(h));  // keeps indexes in later messages equal to the body's
  }
}

void read_top_level(Reader& r, const json& body, Connector& c) {
  r.read_string(body, "id", "", c.id);
  r.read_string(body, "type", "", c.type);
  if (c.type != kConnectorTypeApi) r.value_errors.push_back({"type", "must be \"api\""});
  r.read_string(body, "name", "", c.name);
  r.read_string(body, "base_url", "", c.base_url);
  r.read_enum(body, "status", "", parse_connector_status, "active, disabled", c.status);
  r.read_integer(body, "timeout_ms", "", c.timeout_ms);
  r.read_string(body, "created_at", "", c.created_at);
  r.read_string(body, "updated_at", "", c.updated_at);
  r.read_integer(body, "version", "", c.version);
}

}  // namespace

Result<ParsedConnector> parse_connector_json(const json& body) {
  if (!body.is_object()) {
    return make_problem(ProblemType::BadRequest, "The request body must be a JSON object.");
  }
  Reader r;
  ParsedConnector out;
  read_top_level(r, body, out.connector);
  read_auth(r, body, out.connector.auth);
  read_headers(r, body, out.connector.headers);
  read_tls(r, body, out.connector.tls);
  read_proxy(r, body, out.connector.proxy);
  read_retry_and_rate_limit(r, body, out.connector);
  read_secrets(r, body, out.connector);
  if (!r.type_errors.empty()) {
    return make_problem(ProblemType::BadRequest, "Some members have the wrong JSON type.",
                        std::move(r.type_errors));
  }
  out.errors = std::move(r.value_errors);
  return out;
}

Result<Connector> connector_from_json(const json& body) {
  auto parsed = parse_connector_json(body);
  if (!parsed) return parsed.problem();
  if (!parsed->errors.empty()) {
    return make_problem(ProblemType::Validation, "Some fields have values that are not allowed.",
                        std::move(parsed->errors));
  }
  return std::move(parsed->connector);
}

}  // namespace datahub
