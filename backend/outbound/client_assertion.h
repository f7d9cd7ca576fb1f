// The client assertion of private_key_jwt (RFC 7523 §2.2, §3): a JWS (RFC 7515 compact form)
// signed with the connector's private key, proving the client to the token endpoint without
// sending a secret. docs/API.md, "OAuth 2.0 additions".
#pragma once

#include <ctime>
#include <string>

#include "datahub/connector.h"
#include "datahub/result.h"

namespace datahub::outbound {

inline constexpr const char* kJwtBearerAssertionType =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
inline constexpr std::time_t kAssertionLifetimeS = 60;  // the contract's "exp at most 60 s later"

// Header {"alg", "typ": "JWT", "kid" when key_id is set}; claims iss = sub = client_id,
// aud = token_url, a random jti, iat = now, exp = now + 60 s. Signed with OpenSSL: RS256
// (PKCS #1 v1.5), PS256 (PSS, salt = digest length) or ES256 (P-256, r||s as JWS wants, not
// DER). A key that does not load is an Internal problem (it was checked when saved).
Result<std::string> make_client_assertion(const OAuth2Settings& settings, std::time_t now);

}  // namespace datahub::outbound
