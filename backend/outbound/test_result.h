// The steps of a test result (docs/API.md, "Test result and proxied response").
#pragma once

#include <nlohmann/json.hpp>

#include "datahub/connector.h"
#include "outbound/connector_request.h"
#include "outbound/oauth2_client.h"

namespace datahub::outbound {

// {"name":"token","ok",...}: status and latency when the endpoint answered, the granted
// lifetime and scope on success, "error", "problem" and the oauth_error fields on failure.
nlohmann::json token_step(const TokenExchange& exchange);

// {"name":"request","ok","method","url",...}: ok means a 2xx or 3xx answer arrived.
// `scrubber` knows the connector's secrets and the token sent.
nlohmann::json request_step(const OutboundRequest& request, const Connector& connector,
                            const Result<OutboundResponse>& response,
                            const SecretScrubber& scrubber);

// A request step that failed before anything was sent (a path the base URL cannot take).
nlohmann::json unsent_request_step(std::string_view method, const Problem& problem);

}  // namespace datahub::outbound
