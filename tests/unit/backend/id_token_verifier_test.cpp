// The ID token check of OIDC sign-in (backend/identity/id_token_verifier.h): tokens signed here
// with OpenSSL keys (tests/outbound/test_keys.h), checked against a JWKS made of their public
// halves. Each refusal names its reason.
#include "identity/id_token_verifier.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <memory>

#include "outbound/base64url.h"
#include "test_keys.h"

namespace {

using datahub::SigningAlg;
using datahub::backend::IdTokenExpectations;
using datahub::backend::IdTokenFault;
using datahub::backend::verify_id_token;
using datahub::outbound::base64url_encode;
using nlohmann::json;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr const char* kIssuer = "https://idp.example";

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey read_private(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Pkey key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

Pkey read_public(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Pkey key(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

std::string bn_param(EVP_PKEY* key, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::string bytes(static_cast<std::size_t>(pad ? pad : BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  BN_free(bn);
  return base64url_encode(bytes);
}

// The public JWK of a test key.
json public_jwk(const outbound_test::KeyPair& pair, SigningAlg alg, const std::string& kid) {
  auto key = read_public(pair.public_pem);
  if (alg == SigningAlg::ES256)
    return {{"kty", "EC"},
            {"crv", "P-256"},
            {"kid", kid},
            {"use", "sig"},
            {"x", bn_param(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32)},
            {"y", bn_param(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32)}};
  return {{"kty", "RSA"},
          {"kid", kid},
          {"use", "sig"},
          {"n", bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N)},
          {"e", bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E)}};
}

// A JWS signature over `input` as RFC 7518 §3 wants it (ES256: r||s, not DER).
std::string sign(const std::string& input, const std::string& private_pem, SigningAlg alg) {
  auto key = read_private(private_pem);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, key.get());
  if (alg == SigningAlg::PS256) {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  std::size_t size = 0;
  EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()),
                 input.size());
  std::string sig(size, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &size,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(size);
  EVP_MD_CTX_free(ctx);
  if (alg != SigningAlg::ES256) return sig;
  const auto* der = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* ecdsa = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(sig.size()));
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(ecdsa);
  return raw;
}

std::string compact(const json& header, const json& claims) {
  return base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
}

class IdTokenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa = new outbound_test::KeyPair(outbound_test::make_key(SigningAlg::RS256));
    ec = new outbound_test::KeyPair(outbound_test::make_key(SigningAlg::ES256));
    other = new outbound_test::KeyPair(outbound_test::make_key(SigningAlg::RS256));
  }
  static void TearDownTestSuite() {
    delete rsa;
    delete ec;
    delete other;
  }

  json jwks() const {
    return {{"keys", json::array({public_jwk(*rsa, SigningAlg::RS256, "rsa-1"),
                                  public_jwk(*ec, SigningAlg::ES256, "ec-1")})}};
  }
  static json good_claims() {
    return {{"iss", kIssuer},    {"aud", "hub"},    {"sub", "alice-sub"},
            {"exp", kNow + 300}, {"iat", kNow - 5}, {"nonce", "n-0123456789"}};
  }
  static IdTokenExpectations expect() { return {kIssuer, "hub", "n-0123456789", kNow, 60}; }

  static std::string token(const json& claims, SigningAlg alg = SigningAlg::RS256,
                           const std::string& kid = "",
                           const outbound_test::KeyPair* key = nullptr) {
    const bool es = alg == SigningAlg::ES256;
    const std::string name = es ? "ES256" : alg == SigningAlg::PS256 ? "PS256" : "RS256";
    const std::string k = kid.empty() ? (es ? "ec-1" : "rsa-1") : kid;
    const std::string input = compact({{"alg", name}, {"typ", "JWT"}, {"kid", k}}, claims);
    return input + "." +
           base64url_encode(sign(input,
                                 (key  ? *key
                                  : es ? *ec
                                       : *rsa)
                                     .private_pem,
                                 alg));
  }

  IdTokenFault fault_of(const std::string& t) const {
    return verify_id_token(t, jwks(), expect()).fault;
  }

  static inline outbound_test::KeyPair* rsa = nullptr;
  static inline outbound_test::KeyPair* ec = nullptr;
  static inline outbound_test::KeyPair* other = nullptr;
};

TEST_F(IdTokenTest, GoodTokensOfEachAlgorithmPass) {
  for (auto alg : {SigningAlg::RS256, SigningAlg::PS256, SigningAlg::ES256}) {
    auto checked = verify_id_token(token(good_claims(), alg), jwks(), expect());
    EXPECT_TRUE(checked) << datahub::to_string(alg) << ": " << checked.reason;
    EXPECT_EQ(checked.claims["sub"], "alice-sub");
  }
}

TEST_F(IdTokenTest, ATamperedPayloadFailsTheSignature) {
  const auto good = token(good_claims());
  auto claims = good_claims();
  claims["sub"] = "mallory";
  const auto dot1 = good.find('.'), dot2 = good.rfind('.');
  const auto tampered =
      good.substr(0, dot1 + 1) + base64url_encode(claims.dump()) + good.substr(dot2);
  EXPECT_EQ(fault_of(tampered), IdTokenFault::BadSignature);
}

TEST_F(IdTokenTest, AnotherKeyUnderAKnownKidFailsTheSignature) {
  EXPECT_EQ(fault_of(token(good_claims(), SigningAlg::RS256, "rsa-1", other)),
            IdTokenFault::BadSignature);
}

TEST_F(IdTokenTest, AnUnknownKidIsRefused) {
  EXPECT_EQ(fault_of(token(good_claims(), SigningAlg::RS256, "rsa-2")), IdTokenFault::UnknownKey);
}

TEST_F(IdTokenTest, AKidOfAKeyOfAnotherTypeIsRefused) {
  // An RS256 token naming the EC key: the key does not fit the alg.
  EXPECT_EQ(fault_of(token(good_claims(), SigningAlg::RS256, "ec-1")), IdTokenFault::UnknownKey);
}

TEST_F(IdTokenTest, AlgNoneIsRefused) {
  const auto unsigned_token = compact({{"alg", "none"}, {"typ", "JWT"}}, good_claims()) + ".";
  EXPECT_EQ(fault_of(unsigned_token), IdTokenFault::UnsupportedAlg);
}

TEST_F(IdTokenTest, Hs256KeyedWithTheClientSecretIsRefused) {
  const std::string secret = "the-client-secret";
  const auto input = compact({{"alg", "HS256"}, {"typ", "JWT"}, {"kid", "oct-1"}}, good_claims());
  unsigned char mac[32];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_size);
  const auto t =
      input + "." + base64url_encode(std::string(reinterpret_cast<char*>(mac), mac_size));
  // Even with the secret as an "oct" key in the JWKS.
  auto keys = jwks();
  keys["keys"].push_back({{"kty", "oct"}, {"kid", "oct-1"}, {"k", base64url_encode(secret)}});
  EXPECT_EQ(verify_id_token(t, keys, expect()).fault, IdTokenFault::UnsupportedAlg);
}

TEST_F(IdTokenTest, AWrongIssuerIsRefused) {
  auto claims = good_claims();
  claims["iss"] = "https://idp.example/";  // exactly, not "the same" URL
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::WrongIssuer);
}

TEST_F(IdTokenTest, AWrongAudienceIsRefused) {
  auto claims = good_claims();
  claims["aud"] = "another-client";
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::WrongAudience);
  claims["aud"] = json::array({"another-client", "hub"});  // several: azp must be this client
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::WrongAudience);
  claims["azp"] = "hub";
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::None);
}

TEST_F(IdTokenTest, AnExpiredTokenIsRefusedAfterTheLeeway) {
  auto claims = good_claims();
  claims["exp"] = kNow - 61;
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::Expired);
  claims["exp"] = kNow - 30;  // within the 60 s leeway
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::None);
  claims.erase("exp");
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::Expired);
}

TEST_F(IdTokenTest, AMissingIatIsRefused) {
  auto claims = good_claims();
  claims.erase("iat");
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::NoIssuedAt);
}

TEST_F(IdTokenTest, AWrongNonceIsRefused) {
  auto claims = good_claims();
  claims["nonce"] = "n-another";
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::WrongNonce);
}

TEST_F(IdTokenTest, AMissingNonceIsRefused) {
  auto claims = good_claims();
  claims.erase("nonce");
  EXPECT_EQ(fault_of(token(claims)), IdTokenFault::WrongNonce);
}

TEST_F(IdTokenTest, NotACompactJwsIsMalformed) {
  EXPECT_EQ(fault_of("a.b"), IdTokenFault::Malformed);
  EXPECT_EQ(fault_of("%%%.e30.x"), IdTokenFault::Malformed);
  EXPECT_EQ(fault_of(token(good_claims()) + ".x"), IdTokenFault::Malformed);
}

}  // namespace
