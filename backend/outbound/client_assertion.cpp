#include "outbound/client_assertion.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "outbound/base64url.h"
#include "outbound/signing_key.h"

namespace datahub::outbound {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct EcdsaSigFree {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

Problem signing_problem(const std::string& why) {
  ERR_clear_error();
  return make_problem(ProblemType::Internal, "private_key_jwt: " + why);
}

std::string random_jti() {
  unsigned char bytes[16];
  if (sodium_init() < 0) return {};
  randombytes_buf(bytes, sizeof bytes);
  return base64url_encode(std::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

// JWS (RFC 7518 §3.4) wants ECDSA's r and s as two 32-byte big-endian numbers; OpenSSL gives DER.
std::optional<std::string> der_to_raw_p256(const std::vector<unsigned char>& der) {
  const unsigned char* p = der.data();
  std::unique_ptr<ECDSA_SIG, EcdsaSigFree> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return std::nullopt;
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(64, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, 32) != 32 || BN_bn2binpad(s, out + 32, 32) != 32) return std::nullopt;
  return raw;
}

Result<std::string> sign(EVP_PKEY* key, SigningAlg alg, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) != 1)
    return signing_problem("the signer did not start");
  if (alg == SigningAlg::PS256 &&
      (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
    return signing_problem("PSS padding was refused");
  std::size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1)
    return signing_problem("the signature size is unknown");
  std::vector<unsigned char> signature(length);
  if (EVP_DigestSign(ctx.get(), signature.data(), &length, data, input.size()) != 1)
    return signing_problem("signing failed");
  signature.resize(length);
  if (alg != SigningAlg::ES256) return std::string(signature.begin(), signature.end());
  auto raw = der_to_raw_p256(signature);
  if (!raw) return signing_problem("the ECDSA signature could not be read");
  return std::move(*raw);
}

std::string encoded_json(const nlohmann::json& value) {
  return base64url_encode(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

Result<std::string> make_client_assertion(const OAuth2Settings& settings, std::time_t now) {
  std::string why;
  EvpKey key = load_signing_key(settings.private_key.value.value_or(""), settings.signing_alg, why);
  if (!key) return signing_problem("auth.private_key " + why);
  nlohmann::json header = {{"alg", to_string(settings.signing_alg)}, {"typ", "JWT"}};
  if (!settings.key_id.empty()) header["kid"] = settings.key_id;
  const std::string jti = random_jti();
  if (jti.empty()) return signing_problem("no random source for jti");
  const nlohmann::json claims = {{"iss", settings.client_id},
                                 {"sub", settings.client_id},
                                 {"aud", settings.token_url},
                                 {"jti", jti},
                                 {"iat", now},
                                 {"exp", now + kAssertionLifetimeS}};
  const std::string input = encoded_json(header) + "." + encoded_json(claims);
  auto signature = sign(key.get(), settings.signing_alg, input);
  if (!signature) return signature.problem();
  return input + "." + base64url_encode(*signature);
}

}  // namespace datahub::outbound
