// The steps of a test result (docs/API.md, "Test result and proxied response"), built as the
// shared TestStep (datahub/test_result.h) that the route writes and the web reads.
#pragma once

#include "datahub/connector.h"
#include "datahub/test_result.h"
#include "outbound/connector_request.h"
#include "outbound/oauth2_client.h"

namespace datahub::outbound {

// The token step: the grant and the redacted exchange, status and latency when the endpoint
// answered, the granted lifetime and scope on success, "error", "problem" and the oauth_error
// fields on failure. `scrubber` masks echoed secrets in the answer's headers and preview.
TestStep token_step(const TokenExchange& exchange, const SecretScrubber& scrubber);

// The request step: ok means a 2xx or 3xx answer arrived. `scrubber` knows the connector's
// secrets and the token sent.
TestStep request_step(const OutboundRequest& request, const Connector& connector,
                      const Result<OutboundResponse>& response, const SecretScrubber& scrubber);

// A request step that failed before anything was sent (a path the base URL cannot take).
TestStep unsent_request_step(std::string_view method, const Problem& problem);

// Every string of the step masked (map keys included), as SecretScrubber::scrub_json did to the
// step's JSON: a token endpoint or an upstream may echo a secret anywhere.
TestStep scrubbed(TestStep step, const SecretScrubber& scrubber);

}  // namespace datahub::outbound
