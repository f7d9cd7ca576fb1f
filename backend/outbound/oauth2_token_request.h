// The token request of RFC 6749 §4.4 (client credentials) and §4.3 (password), built from a
// connector's OAuth2 settings without any network, so it can be checked byte for byte.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "datahub/connector.h"
#include "datahub/result.h"

namespace datahub::outbound {

struct TokenRequest {
  std::string content_type;  // application/x-www-form-urlencoded or application/json
  std::string body;
  // Accept, and Authorization for Basic client authentication. Holds secrets: never log it.
  std::vector<std::pair<std::string, std::string>> headers;
};

// The parameters in the order they are sent: grant_type, the grant's own (username,
// password), client_id/client_secret when authenticating in the body, scope, audience,
// resource, then extra_params whose names are not already taken (they add, never override).
// A client without a secret sends client_id in the body (a public client, RFC 6749 §2.3.1).
// private_key_jwt sends client_id, client_assertion_type and `client_assertion` instead of a
// secret (RFC 7523 §2.2).
std::vector<std::pair<std::string, std::string>> token_parameters(
    const OAuth2Settings& s, const std::string& client_assertion = {});

TokenRequest build_token_request(const OAuth2Settings& settings,
                                 const std::string& client_assertion = {});

// build_token_request with a fresh client assertion when the client authenticates with
// private_key_jwt; an Internal problem when the key cannot sign.
Result<TokenRequest> prepare_token_request(const OAuth2Settings& settings);

}  // namespace datahub::outbound
