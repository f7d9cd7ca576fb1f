// The private key of private_key_jwt read with OpenSSL: the check behind the 422 that shared/
// cannot make (does the PEM parse, is it a key of the algorithm's type) and the loaded key the
// assertion is signed with. docs/API.md, "OAuth 2.0 additions".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <openssl/evp.h>

#include "datahub/connector.h"
#include "datahub/problem.h"

namespace datahub::outbound {

struct EvpKeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using EvpKey = std::unique_ptr<EVP_PKEY, EvpKeyFree>;

// The key when `pem` is an unencrypted private key fit for `alg` (RSA for RS256 and PS256, EC
// P-256 for ES256); else null and `why` says what is wrong, in the words of a field error.
EvpKey load_signing_key(const std::string& pem, SigningAlg alg, std::string& why);

// auth.private_key's error, when OAuth 2.0 has a key that load_signing_key refuses.
std::vector<FieldError> check_signing_key(const AuthSettings& auth);

}  // namespace datahub::outbound
