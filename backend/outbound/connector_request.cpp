#include "outbound/connector_request.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "datahub/auth_methods.h"
#include "datahub/connector_validation.h"
#include "datahub/secret_fields.h"
#include "datahub/text.h"
#include "datahub/url_encoding.h"
#include "outbound/form_encoding.h"
#include "outbound/oauth2_token_request.h"
#include "outbound/request_target.h"
#include "outbound/static_auth.h"

namespace datahub::outbound {

namespace {

bool is_secret_header(const Connector& connector, std::string_view name) {
  auto folded = to_lower_ascii(name);
  return std::any_of(connector.headers.begin(), connector.headers.end(),
                     [&](const Header& h) { return h.secret && to_lower_ascii(h.name) == folded; });
}

bool is_api_key_header(const Connector& connector, std::string_view name) {
  const auto& auth = connector.auth;
  return auth.method == AuthMethod::ApiKey && auth.api_key.in == ApiKeyLocation::Header &&
         iequals_ascii(auth.api_key.name, name);
}

void add_connector_headers(const Connector& connector, OutboundRequest& out) {
  for (const auto& h : connector.headers) {
    out.headers.emplace(h.name, h.value.value.value_or(""));
    if (h.secret) out.origin_bound_headers.push_back(h.name);
  }
}

void add_body(const std::optional<nlohmann::json>& body, OutboundRequest& out) {
  if (!body) return;
  std::string type;
  if (body->is_string()) {
    out.body = body->get<std::string>();
    type = "text/plain; charset=utf-8";
  } else {
    out.body = body->dump();
    type = "application/json";
  }
  if (!out.headers.count("Content-Type")) out.headers.emplace("Content-Type", type);
}

// "Bearer ***": the scheme stays when the value is a token, one space and credentials; anything
// else (a bare API key, "Bearer\tkey") could be the secret itself and shows as "***".
std::string redacted_authorization(std::string_view value) {
  const auto space = value.find(' ');
  if (space == std::string_view::npos) return "***";
  const auto scheme = value.substr(0, space);
  return is_http_token(scheme) ? std::string(scheme) + " ***" : "***";
}

// A caller's header or query parameter the connector's authentication owns: sending it too
// would override or duplicate the credentials.
std::optional<Problem> owned_by_auth(const Connector& connector, const CallerRequest& caller) {
  const auto& auth = connector.auth;
  const auto owned = auth_reserved_header(auth);
  if (caller.headers && !owned.empty()) {
    for (const auto& entry : *caller.headers) {
      if (!iequals_ascii(entry.first, owned)) continue;
      if (auth.method == AuthMethod::OAuth2)
        return validation_problem(
            {{"headers.Authorization",
              "cannot be sent through an OAuth2 connector (the token sets it)"}});
      const auto& info = auth_method_info(auth.method);
      return validation_problem(
          {{"headers." + entry.first, std::string("cannot be sent while auth.method is ") +
                                          info.name + " (" + info.sets_header + ")"}});
    }
  }
  if (caller.query && auth.method == AuthMethod::ApiKey &&
      auth.api_key.in == ApiKeyLocation::Query && caller.query->count(auth.api_key.name))
    return validation_problem({{"query." + auth.api_key.name,
                                "cannot be sent through this connector: the API key sets it"}});
  return std::nullopt;
}

// Whether the query of `target` already names `name` (percent-decoded, "+" as in a form): a
// key in the path's own query or the base URL's would be sent twice, and an upstream that reads
// the first would take the caller's key instead of the connector's.
bool query_names(std::string_view target, const std::string& name) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    std::string key(pair.substr(0, pair.find('=')));
    std::replace(key.begin(), key.end(), '+', ' ');
    if (percent_decode(key) == name) return true;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return false;
}

std::optional<Problem> api_key_named_in_url(const Connector& connector, const Url& url) {
  const auto& auth = connector.auth;
  if (auth.method != AuthMethod::ApiKey || auth.api_key.in != ApiKeyLocation::Query ||
      !query_names(url.target, auth.api_key.name))
    return std::nullopt;
  return validation_problem({{"path", "must not set the query parameter " + auth.api_key.name +
                                          " (here or in the base URL): the API key sets it"}});
}

}  // namespace

Result<OutboundRequest> connector_request(const Connector& connector, const CallerRequest& caller) {
  static const std::map<std::string, std::string> kNone;
  const auto& caller_headers = caller.headers ? *caller.headers : kNone;
  if (auto refused = owned_by_auth(connector, caller)) return *refused;

  auto url =
      build_request_url(connector.base_url, caller.path, caller.query ? *caller.query : kNone);
  if (!url) return url.problem();
  if (auto refused = api_key_named_in_url(connector, *url)) return *refused;
  OutboundRequest out;
  out.method = std::string(caller.method);
  out.url = std::move(*url);
  out.timeout_ms = connector.timeout_ms > 0 ? connector.timeout_ms : kDefaultTimeoutMs;
  add_connector_headers(connector, out);
  for (const auto& [name, value] : caller_headers) {
    out.headers.erase(name);
    out.headers.emplace(name, value);
  }
  apply_static_auth(connector, out);
  if (caller.body) add_body(*caller.body, out);
  route_through(connector, out);
  return out;
}

void route_through(const Connector& connector, OutboundRequest& request) {
  const auto& tls = connector.tls;
  request.transport.ca_pem = tls.ca_pem;
  request.transport.client_cert_pem = tls.client_cert_pem;
  request.transport.client_key_pem = tls.client_key_pem.value.value_or("");
  request.proxy_mode = connector.proxy.mode;
  request.transport.proxy_url = connector.proxy.url;
  request.transport.proxy_username = connector.proxy.username;
  request.transport.proxy_password = connector.proxy.password.value.value_or("");
  request.max_attempts = connector.retry.max_attempts;
}

void set_bearer(OutboundRequest& request, const std::string& token) {
  request.headers.erase("Authorization");
  request.headers.emplace("Authorization", "Bearer " + token);
}

SecretScrubber scrubber_for(const Connector& connector) {
  SecretScrubber scrubber;
  for (const auto& f : secret_fields()) {
    // A TLS client key never travels, so no answer can echo it (and its PEM is long to seek).
    if (f.in_use(connector) && f.binding != SecretBinding::Local)
      scrubber.add(f.of(connector).value.value_or(""));
  }
  for (const auto& h : connector.headers)
    if (h.secret) scrubber.add(h.value.value.value_or(""));
  // The proxy's Basic credentials: a proxy (or its 407 page) that echoes the request would
  // show the password in that form.
  const auto& proxy = connector.proxy;
  if (proxy.mode == ProxyMode::Custom && proxy.password.present())
    scrubber.add(base64_encode(proxy.username + ":" + proxy.password.value.value_or("")));
  add_static_auth_secrets(connector, scrubber);
  const auto& oauth2 = connector.auth.oauth2;
  if (connector.auth.method == AuthMethod::OAuth2) {
    // The Basic credentials the token request carries (base64 of id:secret): a token endpoint
    // that echoes its request would show the client secret in that form.
    for (const auto& [name, value] : build_token_request(oauth2).headers)
      if (to_lower_ascii(name) == "authorization" && value.rfind("Basic ", 0) == 0)
        scrubber.add(std::string_view(value).substr(6));
  }
  return scrubber;
}

std::map<std::string, std::string> visible_response_headers(const httplib::Headers& headers,
                                                            const SecretScrubber& scrubber) {
  static constexpr std::array<std::string_view, 9> kHidden = {
      "connection",        "keep-alive",     "proxy-connection", "te", "trailer", "upgrade",
      "transfer-encoding", "content-length", "content-encoding"};
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    auto folded = to_lower_ascii(name);
    if (std::find(kHidden.begin(), kHidden.end(), folded) != kHidden.end()) continue;
    auto& slot = out[folded];
    slot += (slot.empty() ? "" : ", ") + scrubber.scrub(value);
  }
  return out;
}

std::map<std::string, std::string> redacted_request_headers(const OutboundRequest& request,
                                                            const Connector& connector) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : request.headers) {
    auto folded = to_lower_ascii(name);
    if (is_secret_header(connector, name) || is_api_key_header(connector, name))
      out[folded] = "***";
    else if (folded == "authorization")
      out[folded] = redacted_authorization(value);
    else
      out[folded] = value;
  }
  return out;
}

}  // namespace datahub::outbound
