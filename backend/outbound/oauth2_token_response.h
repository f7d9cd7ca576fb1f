// Reading a token endpoint's answer (RFC 6749 §5.1 success, §5.2 error): strict about what
// matters (an access token, a Bearer type), tolerant about the rest.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "datahub/connector.h"
#include "datahub/result.h"

namespace datahub::outbound {

inline constexpr std::chrono::seconds kDefaultTokenLifetime{3600};

struct AccessToken {
  std::string value;  // never logged, never shown
  std::chrono::seconds expires_in = kDefaultTokenLifetime;
  std::string scope;  // as granted, when the server says
  // RFC 6749 §6, when the server issued one: kept in memory by the token cache only, never
  // stored, logged, shown or counted.
  std::string refresh_token;
  std::chrono::steady_clock::time_point expires_at{};  // set by the client that fetched it
};

// Where a token response keeps the token and its lifetime (docs/API.md, "OAuth 2.0
// additions"): RFC 6901 JSON Pointers, and the lifetime when neither tells.
struct TokenFields {
  std::string token_field = "/access_token";
  std::string expires_field = "/expires_in";
  std::chrono::seconds default_lifetime = kDefaultTokenLifetime;
};
TokenFields token_fields_of(const OAuth2Settings& settings);

// - 2xx: a JSON object with a non-empty string access_token. token_type is compared
//   case-insensitively and must be "bearer" when present (a missing one is taken as Bearer,
//   as several servers omit it). expires_in may be a number or a numeric string; missing or
//   unusable means 3600 s. A string refresh_token is kept. Unknown members are ignored.
// - otherwise: TokenError (502) with extensions oauth_error / oauth_error_description when the
//   body is a §5.2 error object. Bodies are never quoted: they may hold credentials.
// `truncated` says the body was cut at the read cap, so it cannot be trusted as JSON.
Result<AccessToken> parse_token_response(int status, std::string_view body, bool truncated);
// The same with the token at fields.token_field and its lifetime at fields.expires_field
// (number or numeric string), else the access token's JWT "exp" (the payload is only read, not
// verified: it tells a lifetime, nothing more), else fields.default_lifetime.
Result<AccessToken> parse_token_response(int status, std::string_view body, bool truncated,
                                         const TokenFields& fields);

}  // namespace datahub::outbound
