// The static authentication methods on an outbound request: api_key (a header or a query
// parameter), basic (RFC 7617) and bearer (RFC 6750). OAuth2 is the token cache's.
#pragma once

#include <string>

#include "datahub/connector.h"
#include "outbound/outbound_http.h"
#include "outbound/secret_scrubber.h"

namespace datahub::outbound {

// Adds what the connector's method sends (nothing for none and oauth2). Headers it sets are
// origin-bound: a redirect to another origin drops them.
void apply_static_auth(const Connector& connector, OutboundRequest& request);

// The forms in which the method's secret could come back in an echo: the percent-encoded API
// key (a URL), the Basic credentials' base64.
void add_static_auth_secrets(const Connector& connector, SecretScrubber& scrubber);

// The URL a test result shows: an API key in the query as "***".
std::string shown_url(const Connector& connector, const Url& url);

}  // namespace datahub::outbound
