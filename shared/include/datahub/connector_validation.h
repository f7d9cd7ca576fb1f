// The rules of the contract for a connector, run by the web form as the user types and by the
// backend as the final word, so the two never disagree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/connector.h"
#include "datahub/problem.h"

namespace datahub {

// Every broken field (not just the first), with messages a person can act on. Runs on a
// normalized connector; write-only fields count as given when WriteOnly::present().
std::vector<FieldError> validate(const Connector& c);

// Single rules, for the form's per-field messages and the backend's other inputs.
// Each returns an empty string when the value is fine, else the message. Like validate(), they
// judge the value after trimming ASCII whitespace where normalize() trims it.
std::string check_name(std::string_view name);
std::string check_http_url(std::string_view url);  // absolute http(s), host, no userinfo/fragment
std::string check_header_name(std::string_view name);
// Names neither a stored header nor a /request caller may set: the HTTP client owns framing
// and hop-by-hop headers (and any Proxy-*). One list for both, so what is stored is sendable.
bool is_reserved_header(std::string_view name);
// A non-empty RFC 9110 token (header names, authentication schemes).
bool is_http_token(std::string_view text);
std::string check_header_value(std::string_view value);
std::string check_timeout_ms(long long timeout_ms);
// A proxy: http(s)://host[:port] and nothing after it (no userinfo: credentials go apart).
std::string check_proxy_url(std::string_view url);
// Free text sent to a token endpoint (client id, username, scope, ...): UTF-8, no controls,
// at most kMaxPlainTextLength bytes.
std::string check_plain_text(std::string_view text);

inline constexpr std::size_t kMaxHeaderValueLength = 8192;  // bytes; servers refuse far less
// Bytes, for every other text and secret that travels: each ends up in a header, a query or a
// token request's form body, where no server takes more than a header value.
inline constexpr std::size_t kMaxPlainTextLength = kMaxHeaderValueLength;
// Bytes, for a secret header value and a client secret: a shorter secret is quick to guess, and
// the outbound masking could not tell it from ordinary text in what an upstream echoes.
inline constexpr std::size_t kMinSecretLength = 8;
// Empty when `secret` (a new value; "" clears) is long enough, else the message.
std::string check_secret_length(std::string_view secret);

// RFC 6901: "" (the whole document) or "/"-separated tokens where "~" is only "~0" or "~1".
// The same syntax nlohmann::json_pointer accepts, checked without exceptions (the web build).
bool is_json_pointer(std::string_view text);
// A PEM private key as the form can tell: not too long, not encrypted, the key's BEGIN line.
// Whether it parses, and its type, is the backend's word (OpenSSL).
std::string check_private_key_pem(std::string_view pem);

inline constexpr int kMinDefaultLifetimeS = 1;
inline constexpr int kMaxDefaultLifetimeS = 86400;  // a day: longer is a guess held too long

inline constexpr std::size_t kMaxPemBytes = 64 * 1024;  // a CA bundle, a certificate or a key
inline constexpr int kMaxAttempts = 5;
inline constexpr double kMaxRequestsPerSecond = 10000;

// A Validation problem (422) carrying `errors`.
Problem validation_problem(std::vector<FieldError> errors);

}  // namespace datahub
