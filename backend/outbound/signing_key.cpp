#include "outbound/signing_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <cstring>

#include "datahub/connector_validation.h"

namespace datahub::outbound {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};

// A key callback that refuses to give a passphrase: an encrypted key then fails to load.
int no_passphrase(char*, int, int, void* asked) {
  *static_cast<bool*>(asked) = true;
  return -1;
}

// Empty when `key` suits `alg`. RFC 7518 §3.3 asks RSA keys of 2048 bits or more; §3.4 ES256
// is ECDSA on P-256 only.
std::string check_type(EVP_PKEY* key, SigningAlg alg) {
  if (alg == SigningAlg::ES256) {
    char group[64] = {};
    const bool p256 = EVP_PKEY_get_base_id(key) == EVP_PKEY_EC &&
                      EVP_PKEY_get_group_name(key, group, sizeof group, nullptr) == 1 &&
                      std::strcmp(group, "prime256v1") == 0;
    return p256 ? "" : "must be an EC P-256 private key for ES256";
  }
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA)
    return std::string("must be an RSA private key for ") + to_string(alg);
  if (EVP_PKEY_get_bits(key) < 2048)
    return std::string("must be an RSA key of at least 2048 bits for ") + to_string(alg);
  return {};
}

}  // namespace

EvpKey load_signing_key(const std::string& pem, SigningAlg alg, std::string& why) {
  bool asked = false;
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EvpKey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, &asked) : nullptr);
  ERR_clear_error();
  if (!key) {
    why = asked ? "is encrypted: give the key without a passphrase (it is encrypted at rest here)"
                : "is not a PEM private key that can be read";
    return nullptr;
  }
  why = check_type(key.get(), alg);
  return why.empty() ? std::move(key) : nullptr;
}

std::vector<FieldError> check_signing_key(const AuthSettings& auth) {
  const auto& o = auth.oauth2;
  if (auth.method != AuthMethod::OAuth2 || !o.private_key.value || o.private_key.value->empty())
    return {};
  if (!check_private_key_pem(*o.private_key.value).empty()) return {};  // validate() said it
  std::string why;
  load_signing_key(*o.private_key.value, o.signing_alg, why);
  if (why.empty()) return {};
  return {{"auth.private_key", why}};
}

}  // namespace datahub::outbound
