// The ID token check of OIDC sign-in (OpenID Connect Core 1.0 §3.1.3.7): the JWS signature with
// a key of the IdP's JWKS (cjose; RS256, PS256 and ES256 only, never "none" nor HS*), then the
// claims iss, aud, azp, exp, iat and nonce. docs/API.md, "OIDC sign-in".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace datahub::backend {

struct IdTokenExpectations {
  std::string issuer;     // the discovery document's issuer, compared exactly
  std::string client_id;  // must be in aud (and be azp when aud names several)
  std::string nonce;      // the one sent with the authorization request
  std::int64_t now = 0;   // Unix seconds
  std::int64_t leeway_seconds = 60;
};

enum class IdTokenFault {
  None,
  Malformed,       // not a compact JWS, or its header or claims are not JSON objects
  UnsupportedAlg,  // alg other than RS256, PS256, ES256
  UnknownKey,      // no key of the JWKS has the token's kid (the JWKS may be refetched)
  BadSignature,
  WrongIssuer,
  WrongAudience,  // aud does not contain client_id, or azp is not client_id
  Expired,
  NoIssuedAt,
  WrongNonce,  // missing or not the one sent
  NoSubject,
};

struct IdTokenCheck {
  IdTokenFault fault = IdTokenFault::None;
  std::string reason;     // for the log: what failed, never the token
  nlohmann::json claims;  // the payload, when fault == None
  explicit operator bool() const { return fault == IdTokenFault::None; }
};

// Checks `token` against `jwks` ({"keys": [...]}) and `expect`.
IdTokenCheck verify_id_token(std::string_view token, const nlohmann::json& jwks,
                             const IdTokenExpectations& expect);

}  // namespace datahub::backend
