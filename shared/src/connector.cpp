// The connector model's behaviour: contract strings for the enums, PUT merging of write-only
// fields, and the normal form the rules run on.
#include "datahub/connector.h"

#include <utility>

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
constexpr EnumNames<AuthMethod, 2> kMethod{
    {{AuthMethod::None, "none"}, {AuthMethod::OAuth2, "oauth2"}}};
constexpr EnumNames<GrantType, 2> kGrant{
    {{GrantType::ClientCredentials, "client_credentials"}, {GrantType::Password, "password"}}};
constexpr EnumNames<ClientAuthentication, 2> kClientAuth{
    {{ClientAuthentication::Basic, "basic"}, {ClientAuthentication::Body, "body"}}};
constexpr EnumNames<TokenRequestFormat, 2> kFormat{
    {{TokenRequestFormat::Form, "form"}, {TokenRequestFormat::Json, "json"}}};

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
  return kMethod.name(v);
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

std::optional<ConnectorStatus> parse_connector_status(std::string_view s) {
  return kStatus.parse(s);
}
std::optional<AuthMethod> parse_auth_method(std::string_view s) {
  return kMethod.parse(s);
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

void merge_write_only(Connector& incoming, const Connector& stored) {
  auto& oauth2 = incoming.auth.oauth2;
  if (incoming.auth.method == AuthMethod::None) {
    oauth2 = OAuth2Settings{};  // no secrets kept for a method that is not in use
  } else {
    merge_one(oauth2.client_secret, stored.auth.oauth2.client_secret);
    merge_one(oauth2.password, stored.auth.oauth2.password);
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
  if (incoming.auth.method != AuthMethod::OAuth2 || stored.auth.method != AuthMethod::OAuth2)
    return errors;
  const auto& in = incoming.auth.oauth2;
  const auto& was = stored.auth.oauth2;
  // The client secret and the password mint the token, and the token goes to the base URL: a
  // moved base URL would receive a token the stored secrets obtained.
  const char* why = nullptr;
  if (origin_moved(was.token_url, in.token_url))
    why = "must be entered again: the access token URL now points to another server";
  else if (base_moved)
    why =
        "must be entered again: the base URL now points to another server (the access token "
        "goes there)";
  if (why == nullptr) return errors;
  if (kept(in.client_secret, was.client_secret)) errors.push_back({"auth.client_secret", why});
  // Any stored password, whatever the grant now: a later edit could switch to the password
  // grant without moving anything and have it sent for the new destination.
  if (kept(in.password, was.password)) errors.push_back({"auth.password", why});
  return errors;
}

void normalize(Connector& c) {
  trim_in_place(c.name);
  trim_in_place(c.base_url);
  for (auto& header : c.headers) trim_in_place(header.name);
  trim_in_place(c.auth.oauth2.token_url);
  trim_in_place(c.auth.oauth2.client_id);
  trim_in_place(c.auth.oauth2.username);
}

std::string fold_name(std::string_view name) {
  return to_lower_ascii(trim_ascii(name));
}

}  // namespace datahub
