// Turns a connector and a caller's request into an outbound request, and an upstream answer
// into what the API may show (hop-by-hop headers gone, secrets masked).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "datahub/connector.h"
#include "datahub/result.h"
#include "outbound/outbound_http.h"
#include "outbound/secret_scrubber.h"

namespace datahub::outbound {

struct CallerRequest {
  std::string_view method = "GET";
  std::string_view path;
  const std::map<std::string, std::string>* query = nullptr;
  const std::map<std::string, std::string>* headers = nullptr;  // replace connector headers
  const std::optional<nlohmann::json>* body = nullptr;
};

// The URL below the base, the connector's headers (secret ones with their plaintext, and
// marked origin-bound so a cross-origin redirect drops them), then the caller's.
// Problems: Validation (422) for the path, or for an Authorization header on an OAuth2
// connector (the token owns it).
Result<OutboundRequest> connector_request(const Connector& connector, const CallerRequest& caller);

// The connector's way to the network on `request`: its TLS material, its proxy choice (custom
// proxy included) and its retries. Every leg of a connector takes it: token, test, /request.
void route_through(const Connector& connector, OutboundRequest& request);

// Sets "Authorization: Bearer <token>", whatever token_type the server used.
void set_bearer(OutboundRequest& request, const std::string& token);

// Every secret of the connector (client secret, password, secret header values).
SecretScrubber scrubber_for(const Connector& connector);

// Response headers the API may show: lower-case names, repeated ones joined with ", ",
// without hop-by-hop and framing headers (the body is already decoded), values scrubbed.
std::map<std::string, std::string> visible_response_headers(const httplib::Headers& headers,
                                                            const SecretScrubber& scrubber);

// Request headers as a test result shows them: Authorization as "<scheme> ***", secret
// headers as "***".
std::map<std::string, std::string> redacted_request_headers(const OutboundRequest& request,
                                                            const Connector& connector);

}  // namespace datahub::outbound
