// Certificate fields as responses show them, from OpenSSL's types.
#pragma once

#include <string>

#include <openssl/x509.h>

namespace datahub::outbound {

// RFC 2253 form: "CN=api.example.com,O=Example".
std::string x509_name_text(const X509_NAME* name);

// RFC 3339 UTC ("2027-12-05T22:00:00Z"); empty when OpenSSL cannot read the time.
std::string asn1_time_text(const ASN1_TIME* time);

}  // namespace datahub::outbound
