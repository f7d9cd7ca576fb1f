// The form's label of each field, keyed by the API's field path: one table for the form's
// captions and the History tab's words for a change, so the two never name a field apart.
#pragma once

#include <array>
#include <string_view>
#include <utility>

namespace datahub::web {

// Keyed by the API's field names, in the form's order (History sorts changes by it).
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 48> kFieldLabels = {{
    {"type", "Connector type"},
    {"name", "Connection name"},
    {"base_url", "Base URL"},
    {"timeout_ms", "Timeout (ms)"},
    {"status", "Status"},
    {"auth.method", "Authentication"},
    {"auth.in", "Send in"},  // API key
    {"auth.name", "Name"},
    {"auth.value", "Key"},
    {"auth.value_set", "Key stored"},
    {"auth.token", "Token"},  // Bearer token
    {"auth.token_set", "Token stored"},
    {"auth.token_url", "Access token URL"},
    {"auth.client_id", "Client ID"},
    {"auth.client_secret", "Client secret"},
    {"auth.client_secret_set", "Client secret stored"},
    {"auth.grant_type", "Grant type"},
    {"auth.username", "Username"},
    {"auth.password", "Password"},
    {"auth.password_set", "Password stored"},
    {"auth.scope", "Scope"},
    {"auth.audience", "Audience"},
    {"auth.resource", "Resource"},
    {"auth.extra_params", "Extra parameter"},  // a prefix: auth.extra_params.<name>
    {"auth.client_authentication", "Client authentication"},
    {"auth.token_request_format", "Token request format"},
    {"auth.private_key", "Private key"},
    {"auth.private_key_set", "Private key stored"},
    {"auth.signing_alg", "Algorithm"},
    {"auth.key_id", "Key ID"},
    {"auth.token_field", "Token field"},
    {"auth.expires_field", "Expiry field"},
    {"auth.default_lifetime_s", "Default lifetime (s)"},
    {"auth.expired_statuses", "Statuses that mean the token expired"},  // also [<i>]
    {"headers", "Header"},  // a prefix: headers[<i>].<part> or headers.<name>.value
    {"tls.ca_pem", "CA certificate"},
    {"tls.client_cert_pem", "Client certificate"},
    {"tls.client_key_pem", "Client key"},
    {"tls.client_key_set", "Client key stored"},
    {"proxy.mode", "Proxy"},
    {"proxy.url", "Proxy URL"},
    {"proxy.username", "Proxy username"},
    {"proxy.password", "Proxy password"},
    {"proxy.password_set", "Proxy password stored"},
    {"retry.max_attempts", "Max attempts"},
    {"rate_limit.requests_per_second", "Requests per second"},
    {"rate_limit.burst", "Burst"},
    {"result", "Result"},  // of a `tested` entry
}};

// The label of a field the form draws ("auth.client_id" -> "Client ID"). The path must be in
// the table (an assert says so): a new field gets its label there, not at the call.
const char* FieldCaption(std::string_view path);

}  // namespace datahub::web
