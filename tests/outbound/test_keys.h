// Signing keys made for a test (OpenSSL): the private key for a connector, the public one for
// the IdP's JWKS or a signature check.
#pragma once

#include <openssl/bio.h>

#include <string>

#include "datahub/connector.h"

namespace outbound_test {

struct KeyPair {
  std::string private_pem;  // PKCS#8
  std::string public_pem;   // SubjectPublicKeyInfo
};

// RSA 2048 for RS256/PS256, EC P-256 for ES256.
KeyPair make_key(datahub::SigningAlg alg);

// The text of a memory BIO, which it frees (for PEM written by a test).
std::string bio_text(BIO* bio);

}  // namespace outbound_test
