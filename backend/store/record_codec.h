// The bytes of a record in the "records" database: the response form of the connector (which
// never holds a secret) plus a "secrets" member of sealed write-only values:
//   {"id": ..., "auth": {..., "client_secret_set": true}, ...,
//    "secrets": {"auth.client_secret": "<sealed>", "auth.password": "<sealed>",
//                "headers": [null, "<sealed>", ...]}}   // aligned with "headers"
#pragma once

#include <string>
#include <string_view>

#include "datahub/connector.h"
#include "datahub/result.h"
#include "secret_box.h"

namespace datahub::backend {

// Internal problem when a write-only field is marked set but holds no plaintext (the caller
// must merge_write_only with the stored record first).
Result<std::string> encode_record(const Connector& c, const SecretBox& box);

// The connector with its secrets in plaintext (value set, is_set true); unset ones have no
// value and is_set false. Internal problem for bytes this codec did not write or a secret
// that does not decrypt with this key.
Result<Connector> decode_record(std::string_view bytes, const SecretBox& box);

}  // namespace datahub::backend
