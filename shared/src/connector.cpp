// The connector model's behaviour: contract strings for the enums, PUT merging of write-only
// fields, and the normal form the rules run on.
#include "datahub/connector.h"

#include <utility>

#include "datahub/auth_methods.h"
#include "datahub/secret_fields.h"
#include "datahub/text.h"
#include "datahub/url.h"

namespace datahub {
namespace {

template <class Enum, std::size_t N>
struct EnumNames {
  std::pair<Enum, const char*> rows[N];

  const char* name(Enum v) const {
    for (const auto& [value, text] : rows) {
      if (value == v) return text;
    }
    return rows[0].second;  // unreachable for a valid enum value
  }
  std::optional<Enum> parse(std::string_view s) const {
    for (const auto& [value, text] : rows) {
      if (s == text) return value;
    }
    return std::nullopt;
  }
};

constexpr EnumNames<ConnectorStatus, 2> kStatus{
    {{ConnectorStatus::Active, "active"}, {ConnectorStatus::Disabled, "disabled"}}};
constexpr EnumNames<ApiKeyLocation, 2> kApiKeyIn{
    {{ApiKeyLocation::Header, "header"}, {ApiKeyLocation::Query, "query"}}};
constexpr EnumNames<GrantType, 2> kGrant{
    {{GrantType::ClientCredentials, "client_credentials"}, {GrantType::Password, "password"}}};
constexpr EnumNames<ClientAuthentication, 3> kClientAuth{
    {{ClientAuthentication::Basic, "basic"},
     {ClientAuthentication::Body, "body"},
     {ClientAuthentication::PrivateKeyJwt, "private_key_jwt"}}};
constexpr EnumNames<SigningAlg, 3> kSigningAlg{
    {{SigningAlg::RS256, "RS256"}, {SigningAlg::PS256, "PS256"}, {SigningAlg::ES256, "ES256"}}};
constexpr EnumNames<TokenRequestFormat, 2> kFormat{
    {{TokenRequestFormat::Form, "form"}, {TokenRequestFormat::Json, "json"}}};
constexpr EnumNames<ProxyMode, 3> kProxyMode{
    {{ProxyMode::Server, "server"}, {ProxyMode::None, "none"}, {ProxyMode::Custom, "custom"}}};

// PUT semantics of one write-only field; afterwards `is_set` tells whether a value is stored.
void merge_one(WriteOnly& incoming, const WriteOnly& stored) {
  if (!incoming.value) incoming.value = stored.value;
  incoming.is_set = incoming.value ? !incoming.value->empty() : stored.is_set;
}

const Header* find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (iequals_ascii(trim_ascii(h.name), trim_ascii(name))) return &h;
  }
  return nullptr;
}

void trim_in_place(std::string& s) {
  const auto trimmed = trim_ascii(s);
  if (trimmed.size() != s.size()) s = std::string(trimmed);
}

}  // namespace

const char* to_string(ConnectorStatus v) {
  return kStatus.name(v);
}
const char* to_string(AuthMethod v) {
  return auth_method_info(v).name;
}
const char* to_string(ApiKeyLocation v) {
  return kApiKeyIn.name(v);
}
const char* to_string(GrantType v) {
  return kGrant.name(v);
}
const char* to_string(ClientAuthentication v) {
  return kClientAuth.name(v);
}
const char* to_string(TokenRequestFormat v) {
  return kFormat.name(v);
}
const char* to_string(SigningAlg v) {
  return kSigningAlg.name(v);
}
const char* to_string(ProxyMode v) {
  return kProxyMode.name(v);
}

std::optional<ConnectorStatus> parse_connector_status(std::string_view s) {
  return kStatus.parse(s);
}
std::optional<AuthMethod> parse_auth_method(std::string_view s) {
  for (const auto& m : auth_methods()) {
    if (s == m.name) return m.method;
  }
  return std::nullopt;
}
std::optional<ApiKeyLocation> parse_api_key_location(std::string_view s) {
  return kApiKeyIn.parse(s);
}
std::optional<GrantType> parse_grant_type(std::string_view s) {
  return kGrant.parse(s);
}
std::optional<ClientAuthentication> parse_client_authentication(std::string_view s) {
  return kClientAuth.parse(s);
}
std::optional<TokenRequestFormat> parse_token_request_format(std::string_view s) {
  return kFormat.parse(s);
}
std::optional<SigningAlg> parse_signing_alg(std::string_view s) {
  return kSigningAlg.parse(s);
}
std::optional<ProxyMode> parse_proxy_mode(std::string_view s) {
  return kProxyMode.parse(s);
}

void merge_write_only(Connector& incoming, const Connector& stored) {
  // Only the settings of the method in use are kept.
  auto& auth = incoming.auth;
  if (auth.method != AuthMethod::OAuth2) auth.oauth2 = OAuth2Settings{};
  if (auth.method != AuthMethod::ApiKey) auth.api_key = ApiKeySettings{};
  if (auth.method != AuthMethod::Basic) auth.basic = BasicSettings{};
  if (auth.method != AuthMethod::Bearer) auth.bearer = BearerSettings{};
  for (const auto& f : secret_fields()) {
    // No secret kept for a section that is not in use.
    if (f.in_use(incoming))
      merge_one(f.of(incoming), f.of(stored));
    else
      f.of(incoming) = WriteOnly{};
  }
  for (auto& header : incoming.headers) {
    if (!header.secret) continue;
    const Header* old = find_header(stored.headers, header.name);
    merge_one(header.value, old ? old->value : WriteOnly{});
  }
}

namespace {

// Whether two URL texts name different origins; text that does not parse is left to the
// validation rules (nothing is sent to it anyway).
bool origin_moved(const std::string& before, const std::string& after) {
  const UrlParse a = parse_http_url(trim_ascii(before));
  const UrlParse b = parse_http_url(trim_ascii(after));
  if (!a.url || !b.url) return false;
  return a.url->scheme != b.url->scheme || a.url->host != b.url->host ||
         a.url->effective_port() != b.url->effective_port();
}

// Kept rather than sent again: the request has no value and one is stored.
bool kept(const WriteOnly& incoming, const WriteOnly& stored) {
  return !incoming.value && stored.is_set;
}

}  // namespace

std::vector<FieldError> secrets_left_behind(const Connector& incoming, const Connector& stored) {
  std::vector<FieldError> errors;
  const bool base_moved = origin_moved(stored.base_url, incoming.base_url);
  if (base_moved) {
    for (std::size_t i = 0; i < incoming.headers.size(); ++i) {
      const Header& h = incoming.headers[i];
      const Header* old = h.secret ? find_header(stored.headers, h.name) : nullptr;
      if (old != nullptr && old->secret && kept(h.value, old->value))
        errors.push_back({"headers[" + std::to_string(i) + "].value",
                          "must be entered again: the base URL now points to another server"});
    }
  }
  const char* why_token = nullptr;  // for what mints the token that goes to the base URL
  if (origin_moved(stored.auth.oauth2.token_url, incoming.auth.oauth2.token_url))
    why_token = "must be entered again: the access token URL now points to another server";
  else if (base_moved)
    why_token =
        "must be entered again: the base URL now points to another server (the access token "
        "goes there)";
  const bool proxy_moved = stored.proxy.mode == ProxyMode::Custom &&
                           (incoming.proxy.mode != ProxyMode::Custom ||
                            origin_moved(stored.proxy.url, incoming.proxy.url));
  for (const auto& f : secret_fields()) {
    if (!f.in_use(incoming) || !f.in_use(stored) || !kept(f.of(incoming), f.of(stored))) continue;
    const char* why = nullptr;
    switch (f.binding) {
      case SecretBinding::BaseOrigin:
        if (base_moved) why = "must be entered again: the base URL now points to another server";
        break;
      case SecretBinding::TokenOrigin:
        why = why_token;
        break;
      case SecretBinding::ProxyOrigin:
        if (proxy_moved) why = "must be entered again: the proxy URL now points to another server";
        break;
      case SecretBinding::Local:
        break;
    }
    if (why != nullptr) errors.push_back({std::string(f.path), why});
  }
  return errors;
}

void normalize(Connector& c) {
  trim_in_place(c.name);
  trim_in_place(c.base_url);
  for (auto& header : c.headers) trim_in_place(header.name);
  trim_in_place(c.auth.oauth2.token_url);
  trim_in_place(c.auth.oauth2.client_id);
  trim_in_place(c.auth.oauth2.username);
  trim_in_place(c.auth.api_key.name);
  trim_in_place(c.auth.basic.username);
  trim_in_place(c.proxy.url);
  trim_in_place(c.proxy.username);
  if (c.proxy.mode != ProxyMode::Custom) {  // what only a custom proxy uses is not kept
    c.proxy.url.clear();
    c.proxy.username.clear();
  }
}

std::string fold_name(std::string_view name) {
  return to_lower_ascii(trim_ascii(name));
}

}  // namespace datahub
