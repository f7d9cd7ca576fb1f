// The connector model of the REST contract (docs/API.md), shared by the backend
// and the web front end.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/problem.h"

namespace datahub {

enum class ConnectorStatus { Active, Disabled };
enum class AuthMethod { None, OAuth2, ApiKey, Basic, Bearer };  // names: auth_methods.h
enum class ApiKeyLocation { Header, Query };
enum class GrantType { ClientCredentials, Password };  // RFC 6749 §4.4, §4.3
// RFC 6749 §2.3.1; PrivateKeyJwt: RFC 7523 §2.2 (a signed assertion instead of a secret)
enum class ClientAuthentication { Basic, Body, PrivateKeyJwt };
enum class SigningAlg { RS256, PS256, ES256 };  // RFC 7518 §3.1: the assertion's JWS "alg"
enum class TokenRequestFormat { Form, Json };
enum class ProxyMode { Server, None, Custom };

// A write-only field (client secret, password, secret header value).
//  - In a request: `value` absent means "keep what is stored"; a string replaces it; "" clears.
//  - In a response: `value` is never filled, `is_set` says whether one is stored.
//  - In the backend, after merging with the stored record: `value` holds the plaintext.
struct WriteOnly {
  std::optional<std::string> value;
  bool is_set = false;

  // True when, after a request is applied, a non-empty value is (or stays) stored.
  bool present() const { return value ? !value->empty() : is_set; }
  bool operator==(const WriteOnly&) const = default;
};

struct OAuth2Settings {
  GrantType grant_type = GrantType::ClientCredentials;
  std::string token_url;
  std::string client_id;
  WriteOnly client_secret;
  std::string username;                             // required for the password grant
  WriteOnly password;                               // required for the password grant
  std::string scope;                                // optional, space-separated
  std::string audience;                             // optional, sent when set
  std::string resource;                             // optional, sent when set
  std::map<std::string, std::string> extra_params;  // optional, sent with the token request
  ClientAuthentication client_authentication = ClientAuthentication::Basic;
  TokenRequestFormat token_request_format = TokenRequestFormat::Form;
  WriteOnly private_key;  // PEM, private_key_jwt only: signs the assertion
  SigningAlg signing_alg = SigningAlg::RS256;
  std::string key_id;                         // the assertion header's "kid" when not empty
  std::string token_field = "/access_token";  // RFC 6901 JSON Pointer into the token response
  std::string expires_field = "/expires_in";  // seconds: a number or a numeric string
  int default_lifetime_s = 3600;  // when neither expires_field nor the token's JWT exp tells
  std::vector<int> expired_statuses = {401};  // upstream statuses that drop the token: retry once
  bool operator==(const OAuth2Settings&) const = default;
};

// A static key sent on every data and test request, as a header or a query parameter.
struct ApiKeySettings {
  std::string name;  // the header or query parameter name
  ApiKeyLocation in = ApiKeyLocation::Header;
  WriteOnly value;
  bool operator==(const ApiKeySettings&) const = default;
};

// HTTP Basic (RFC 7617): Authorization: Basic base64(utf8(username ":" password)).
struct BasicSettings {
  std::string username;  // no ':' (it would end the user-id), no control characters
  WriteOnly password;
  bool operator==(const BasicSettings&) const = default;
};

// A static token sent as Authorization: Bearer <token> (RFC 6750 §2.1).
struct BearerSettings {
  WriteOnly token;
  bool operator==(const BearerSettings&) const = default;
};

struct AuthSettings {
  AuthMethod method = AuthMethod::None;
  OAuth2Settings oauth2;   // meaningful only when method == OAuth2
  ApiKeySettings api_key;  // meaningful only when method == ApiKey
  BasicSettings basic;     // meaningful only when method == Basic
  BearerSettings bearer;   // meaningful only when method == Bearer
  bool operator==(const AuthSettings&) const = default;
};

// A custom request header. A secret header's value is write-only; a plain one travels as is.
struct Header {
  std::string name;
  WriteOnly value;
  bool secret = false;
  bool operator==(const Header&) const = default;
};

// Connection security: PEM text as given. The backend parses it (OpenSSL); shared/ checks only
// its size and shape, so the form can say early what is plainly wrong.
struct TlsSettings {
  std::string ca_pem;           // trusted besides the system roots
  std::string client_cert_pem;  // mutual TLS: presented on every leg
  WriteOnly client_key_pem;     // the certificate's key; needed with client_cert_pem
  bool operator==(const TlsSettings&) const = default;
};

// How every leg of a connector reaches the network: the server's proxy settings, none, or its
// own proxy.
struct ProxySettings {
  ProxyMode mode = ProxyMode::Server;
  std::string url;       // custom only: http(s)://host[:port], nothing after it
  std::string username;  // custom only, optional
  WriteOnly password;    // custom only, optional; sent only to this proxy
  bool operator==(const ProxySettings&) const = default;
};

struct RetrySettings {
  int max_attempts = 1;  // 1..5; 1 = no retry
  bool operator==(const RetrySettings&) const = default;
};

struct RateLimitSettings {
  double requests_per_second = 0;  // 0 = no limit
  double burst = 0;                // 0 = as many as the rate
  bool operator==(const RateLimitSettings&) const = default;
};

inline constexpr int kDefaultTimeoutMs = 30000;
inline constexpr int kMaxTimeoutMs = 120000;
inline constexpr std::size_t kMaxHeaders = 50;
inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr const char* kConnectorTypeApi = "api";

struct Connector {
  std::string id;                        // server-assigned, immutable, URL-safe
  std::string type = kConnectorTypeApi;  // the only type today
  std::string name;                      // 1-100 chars after trimming, unique (case-insensitive)
  std::string base_url;                  // absolute http/https, no userinfo, no fragment
  ConnectorStatus status = ConnectorStatus::Disabled;
  AuthSettings auth;
  std::vector<Header> headers;
  int timeout_ms = kDefaultTimeoutMs;  // outbound timeout, 1..120000
  TlsSettings tls;
  ProxySettings proxy;
  RetrySettings retry;
  RateLimitSettings rate_limit;
  std::string created_at;    // RFC 3339 UTC, server-assigned
  std::string updated_at;    // RFC 3339 UTC, server-assigned
  std::int64_t version = 0;  // 1 on create, +1 on every change
  bool operator==(const Connector&) const = default;
};

// Enum <-> contract strings ("active", "oauth2", "client_credentials", "basic", "form", ...).
const char* to_string(ConnectorStatus v);
const char* to_string(AuthMethod v);
const char* to_string(ApiKeyLocation v);
const char* to_string(GrantType v);
const char* to_string(ClientAuthentication v);
const char* to_string(TokenRequestFormat v);
const char* to_string(SigningAlg v);
const char* to_string(ProxyMode v);
std::optional<ConnectorStatus> parse_connector_status(std::string_view s);
std::optional<AuthMethod> parse_auth_method(std::string_view s);
std::optional<ApiKeyLocation> parse_api_key_location(std::string_view s);
std::optional<GrantType> parse_grant_type(std::string_view s);
std::optional<ClientAuthentication> parse_client_authentication(std::string_view s);
std::optional<TokenRequestFormat> parse_token_request_format(std::string_view s);
std::optional<SigningAlg> parse_signing_alg(std::string_view s);
std::optional<ProxyMode> parse_proxy_mode(std::string_view s);

// Applies a request's write-only fields onto what is stored (PUT semantics): an absent value
// keeps the stored one, a string replaces it, "" clears it. Secret headers match by name
// (case-insensitively) against any stored header of that name; a plain header never takes a
// stored value (turning a secret header plain must not reveal it). With auth.method none the
// OAuth2 settings, secrets included, are dropped; so is any secret of a section not in use
// (secret_fields.h). `incoming` is changed in place and then holds
// the plaintext to store, with WriteOnly::is_set telling whether a value is stored.
void merge_write_only(Connector& incoming, const Connector& stored);

// A stored secret goes only where it was saved for: when a PUT (`incoming`, before
// merge_write_only) moves the base URL to another origin (scheme, host, port), every secret
// header it would keep rather than send again is an error; so are a kept client secret and
// password (OAuth2) when the token URL or the base URL moves, since the access token they
// obtain is sent to the base URL; and a kept proxy password when the proxy URL moves. Without this,
// whoever may edit a connector could point it at their own server and have the "write-only" secrets
// sent there.
std::vector<FieldError> secrets_left_behind(const Connector& incoming, const Connector& stored);

// Trims (ASCII whitespace) the name, the base URL, header names, and the OAuth2 token URL,
// client id and username; the rules are checked on the trimmed values. Secrets are never
// changed.
void normalize(Connector& c);

// Case-folds a connector name for the uniqueness index (ASCII case-insensitive after trimming).
std::string fold_name(std::string_view name);

}  // namespace datahub
