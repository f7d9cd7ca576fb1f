// The JSON codec of the connector resource.
#pragma once

#include <nlohmann/json.hpp>

#include "datahub/connector.h"
#include "datahub/result.h"

namespace datahub {

// The response form: every field of the contract, write-only values replaced by
// `client_secret_set`, `password_set` and a header's `value_set`. Never contains a secret.
nlohmann::json to_response_json(const Connector& c);

// The request form, as the web client sends it: editable fields only (name, type, base_url,
// status, auth, headers, timeout_ms); a write-only value is included only when `value` is set.
nlohmann::json to_request_json(const Connector& c);

// Reads a request body (or a response body: the `_set` flags fill WriteOnly::is_set).
//  - Not an object, or a member of the wrong JSON type: BadRequest (400), every wrong field
//    listed in `errors`.
//  - Unknown enum strings ("method": "basic") and unknown types are not parse errors: they
//    come back as Validation (422) problems so the user sees them next to the field.
// Missing members get the model's defaults; server-owned members (id, created_at, ...) are read
// when present so that the web client can decode responses with the same function.
Result<Connector> connector_from_json(const nlohmann::json& body);

}  // namespace datahub
