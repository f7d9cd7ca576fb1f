// The JSON codec of the connector resource.
#pragma once

#include <vector>

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
// `null` counts as absent for every member: for a write-only value that means "keep".
// Unknown members are ignored.
// Note: a body may claim `"client_secret_set": true`; on create, run merge_write_only against a
// default Connector{} so such a claim cannot stand in for a missing secret.
Result<Connector> connector_from_json(const nlohmann::json& body);

// connector_from_json in two halves, for a caller that wants to report every broken field at
// once: wrong JSON types still fail (BadRequest), but value errors (unknown enum strings, a
// type other than "api", a fractional timeout) come back next to the connector, ready to be
// joined with validate()'s errors (see append_field_errors).
struct ParsedConnector {
  Connector connector;
  std::vector<FieldError> errors;  // value errors, 422 material
};
Result<ParsedConnector> parse_connector_json(const nlohmann::json& body);

}  // namespace datahub
