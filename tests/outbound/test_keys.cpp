#include "test_keys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

namespace outbound_test {

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return text;
}

KeyPair make_key(datahub::SigningAlg alg) {
  EVP_PKEY* key = alg == datahub::SigningAlg::ES256
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", 2048);
  BIO* priv = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
  BIO* pub = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(pub, key);
  EVP_PKEY_free(key);
  return {bio_text(priv), bio_text(pub)};
}

}  // namespace outbound_test
