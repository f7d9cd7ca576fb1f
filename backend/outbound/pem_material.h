// TLS material of a connector read with OpenSSL: the checks behind the 422s that shared/ cannot
// make (does the PEM parse, does the key match its certificate) and what a response says about
// each certificate (subject, issuer, expiry). docs/API.md, "TLS, proxy, retries and rate limit".
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/connector.h"
#include "datahub/problem.h"

namespace datahub::outbound {

// The fields of `tls` that OpenSSL refuses: a CA bundle or client certificate that does not
// parse, a key that does not parse, is encrypted, or is not the certificate's. The key is
// checked only when a new value was given (a stored one was checked when it was saved).
std::vector<FieldError> check_tls_material(const TlsSettings& tls);

// {"ca": [{"subject", "not_after"}], "client_cert": {"subject", "issuer", "not_after"}}, the
// members present when there is such a certificate; not_after in RFC 3339 UTC.
nlohmann::json describe_tls_material(const TlsSettings& tls);

}  // namespace datahub::outbound
