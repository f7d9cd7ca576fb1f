// The token request of RFC 6749 §4.4 (client credentials), §4.3 (password) and §6 (refresh),
// built from a connector's OAuth2 settings without any network, so it can be checked byte for
// byte.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "datahub/connector.h"
#include "datahub/result.h"

namespace datahub::outbound {

using TokenParams = std::vector<std::pair<std::string, std::string>>;

struct TokenRequest {
  std::string grant;  // the grant_type sent: "client_credentials", "password", "refresh_token"
  std::string content_type;  // application/x-www-form-urlencoded or application/json
  std::string body;
  // Accept, and Authorization for Basic client authentication. Holds secrets: never log it.
  std::vector<std::pair<std::string, std::string>> headers;
  // The body with every secret value (client_secret, client_assertion, password,
  // refresh_token) as "***": what a test result may show.
  std::string redacted_body;
  // The private_key_jwt assertion sent, if any: good for up to 60 s at that token URL, so an
  // endpoint's echo of it is masked like a secret (the connector's scrubber cannot know it).
  std::string client_assertion;
};

// How the client authenticates (RFC 6749 §2.3, RFC 7523 §2.2): parameters for the body and
// headers. The one place every token request (the configured grant and the refresh) takes it
// from. `client_assertion` is the signed JWT when the client uses private_key_jwt.
struct ClientAuth {
  TokenParams body;
  std::vector<std::pair<std::string, std::string>> headers;
};
ClientAuth client_authentication(const OAuth2Settings& s, const std::string& client_assertion);

// The parameters in the order they are sent: grant_type, the grant's own (username,
// password), the client authentication's (client_id/client_secret in the body, or client_id,
// client_assertion_type and client_assertion for private_key_jwt), scope, audience, resource,
// then extra_params whose names are not already taken (they add, never override).
// A client without a secret sends client_id in the body (a public client, RFC 6749 §2.3.1).
TokenParams token_parameters(const OAuth2Settings& s, const std::string& client_assertion = {});

// RFC 6749 §6: grant_type=refresh_token, refresh_token, then the client authentication of the
// configured grant (no scope: the refreshed token keeps the scope first granted).
TokenParams refresh_parameters(const OAuth2Settings& s, const std::string& refresh_token,
                               const std::string& client_assertion = {});

TokenRequest build_token_request(const OAuth2Settings& settings,
                                 const std::string& client_assertion = {});
TokenRequest build_refresh_request(const OAuth2Settings& settings, const std::string& refresh_token,
                                   const std::string& client_assertion = {});

// The builders above with a fresh client assertion when the client authenticates with
// private_key_jwt (an assertion is good for one request only); an Internal problem when the
// key cannot sign.
Result<TokenRequest> prepare_token_request(const OAuth2Settings& settings);
Result<TokenRequest> prepare_refresh_request(const OAuth2Settings& settings,
                                             const std::string& refresh_token);

}  // namespace datahub::outbound
