// private_key_jwt (RFC 7523 §2.2): the assertion as built here (claims, header, a signature
// OpenSSL verifies with the public key) and against the certified oidc-provider (npm), which
// verifies it itself: RS256, PS256 and ES256 get a token; a key it does not know is refused.
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <ctime>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "outbound/base64url.h"
#include "outbound/client_assertion.h"
#include "outbound/oauth2_client.h"
#include "outbound/oauth2_token_request.h"
#include "outbound/signing_key.h"
#include "test_keys.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using nlohmann::json;
using outbound_test::bio_text;
using outbound_test::ChildServer;
using outbound_test::KeyPair;
using outbound_test::make_key;

OAuth2Settings jwt_settings(const std::string& token_url, const KeyPair& key, SigningAlg alg,
                            const std::string& kid) {
  OAuth2Settings s;
  s.token_url = token_url;
  s.client_id = "hub";
  s.client_authentication = ClientAuthentication::PrivateKeyJwt;
  s.private_key.value = key.private_pem;
  s.signing_alg = alg;
  s.key_id = kid;
  return s;
}

json part(const std::string& jws, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = jws.find('.', start) + 1;
  const auto end = jws.find('.', start);
  return json::parse(*base64url_decode(jws.substr(start, end - start)));
}

// Verifies the JWS signature with OpenSSL, turning ES256's r||s back into DER.
bool verifies(const std::string& jws, const std::string& public_pem, SigningAlg alg) {
  const auto dot = jws.rfind('.');
  const std::string input = jws.substr(0, dot);
  std::string signature = *base64url_decode(jws.substr(dot + 1));
  if (alg == SigningAlg::ES256) {
    if (signature.size() != 64) return false;
    ECDSA_SIG* sig = ECDSA_SIG_new();
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
    ECDSA_SIG_set0(sig, BN_bin2bn(raw, 32, nullptr), BN_bin2bn(raw + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &der);
    signature.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
  }
  BIO* bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), nullptr, key);
  if (alg == SigningAlg::PS256) {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  const int ok = EVP_DigestVerify(
      ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
      reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return ok == 1;
}

TEST(ClientAssertion, HasTheContractsClaimsAndASignatureThatVerifies) {
  for (auto alg : {SigningAlg::RS256, SigningAlg::PS256, SigningAlg::ES256}) {
    const KeyPair key = make_key(alg);
    const auto s = jwt_settings("https://idp.example.com/token", key, alg, "k-7");
    const std::time_t now = 1'800'000'000;
    auto jws = make_client_assertion(s, now);
    ASSERT_TRUE(jws) << jws.problem().detail;
    const json header = part(*jws, 0);
    EXPECT_EQ(header["alg"], to_string(alg));
    EXPECT_EQ(header["kid"], "k-7");
    const json claims = part(*jws, 1);
    EXPECT_EQ(claims["iss"], "hub");
    EXPECT_EQ(claims["sub"], "hub");
    EXPECT_EQ(claims["aud"], "https://idp.example.com/token");
    EXPECT_EQ(claims["iat"], now);
    EXPECT_EQ(claims["exp"], now + 60);
    EXPECT_GE(claims["jti"].get<std::string>().size(), 16u);
    EXPECT_TRUE(verifies(*jws, key.public_pem, alg)) << to_string(alg);
    EXPECT_FALSE(verifies(*jws, make_key(alg).public_pem, alg)) << to_string(alg);
    auto again = make_client_assertion(s, now);
    EXPECT_NE(part(*again, 1)["jti"], claims["jti"]);  // a fresh jti each time
  }
}

TEST(ClientAssertion, NoKidWithoutAKeyIdAndNoSecretInTheRequest) {
  const KeyPair key = make_key(SigningAlg::RS256);
  auto s = jwt_settings("https://idp.example.com/token", key, SigningAlg::RS256, "");
  s.client_secret.value = "never-sent-secret";
  auto jws = make_client_assertion(s, std::time(nullptr));
  ASSERT_TRUE(jws);
  EXPECT_FALSE(part(*jws, 0).contains("kid"));
  auto request = prepare_token_request(s);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->body.find("never-sent-secret"), std::string::npos);
  EXPECT_NE(request->body.find("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-"
                               "assertion-type%3Ajwt-bearer"),
            std::string::npos);
  EXPECT_NE(request->body.find("&client_assertion=ey"), std::string::npos);
  for (const auto& [name, value] : request->headers) EXPECT_NE(name, "Authorization");
}

TEST(ClientAssertion, AKeyOfTheWrongTypeDoesNotSign) {
  auto s = jwt_settings("https://idp.example.com/token", make_key(SigningAlg::RS256),
                        SigningAlg::ES256, "");
  auto jws = make_client_assertion(s, std::time(nullptr));
  ASSERT_FALSE(jws);
  EXPECT_NE(jws.problem().detail.find("EC P-256"), std::string::npos);
}

// The backend's word behind the 422 under auth.private_key: OpenSSL reads the key and checks
// its type against signing_alg.
TEST(SigningKey, MustBeAPrivateKeyOfTheAlgorithmsType) {
  const std::string rsa = make_key(SigningAlg::RS256).private_pem;
  const std::string ec = make_key(SigningAlg::ES256).private_pem;
  auto errors_for = [](const std::string& pem, SigningAlg alg) {
    AuthSettings auth;
    auth.method = AuthMethod::OAuth2;
    auth.oauth2.private_key.value = pem;
    auth.oauth2.signing_alg = alg;
    const auto errors = check_signing_key(auth);
    return errors.empty() ? std::string() : errors.front().field + ": " + errors.front().message;
  };
  EXPECT_EQ(errors_for(rsa, SigningAlg::RS256), "");
  EXPECT_EQ(errors_for(rsa, SigningAlg::PS256), "");
  EXPECT_EQ(errors_for(ec, SigningAlg::ES256), "");
  EXPECT_EQ(errors_for(rsa, SigningAlg::ES256),
            "auth.private_key: must be an EC P-256 private key for ES256");
  EXPECT_EQ(errors_for(ec, SigningAlg::RS256),
            "auth.private_key: must be an RSA private key for RS256");
  EXPECT_EQ(errors_for(ec, SigningAlg::PS256),
            "auth.private_key: must be an RSA private key for PS256");
  EVP_PKEY* small = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", 1024);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, small, nullptr, nullptr, 0, nullptr, nullptr);
  EVP_PKEY_free(small);
  EXPECT_EQ(errors_for(bio_text(bio), SigningAlg::RS256),
            "auth.private_key: must be an RSA key of at least 2048 bits for RS256");
  EVP_PKEY* p384 = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
  bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, p384, nullptr, nullptr, 0, nullptr, nullptr);
  EVP_PKEY_free(p384);
  EXPECT_EQ(errors_for(bio_text(bio), SigningAlg::ES256),
            "auth.private_key: must be an EC P-256 private key for ES256");
  EXPECT_EQ(errors_for("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n",
                       SigningAlg::RS256),
            "auth.private_key: is not a PEM private key that can be read");
}

class OidcProvider : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_rsa = new KeyPair(make_key(SigningAlg::RS256));
    s_ec = new KeyPair(make_key(SigningAlg::ES256));
    s_server = new ChildServer(
        {"node", outbound_test::source_dir() + "/tests/outbound/oidc_provider_peer.mjs",
         "rsa-1=" + s_rsa->public_pem, "ec-1=" + s_ec->public_pem});
  }
  static void TearDownTestSuite() {
    delete s_server;
    delete s_rsa;
    delete s_ec;
  }
  void SetUp() override { ASSERT_TRUE(s_server->ok()) << "oidc-provider did not start"; }

  static ChildServer* s_server;
  static KeyPair* s_rsa;
  static KeyPair* s_ec;
  OutboundHttp http{OutboundPolicy{true, {}, {}, {}, {}}};
  OAuth2Client client{http};
};

ChildServer* OidcProvider::s_server = nullptr;
KeyPair* OidcProvider::s_rsa = nullptr;
KeyPair* OidcProvider::s_ec = nullptr;

TEST_F(OidcProvider, AcceptsTheAssertionOfEachAlgorithm) {
  struct Case {
    SigningAlg alg;
    const KeyPair* key;
    const char* kid;
  };
  for (const Case& c : {Case{SigningAlg::RS256, s_rsa, "rsa-1"}, Case{SigningAlg::PS256, s_rsa, ""},
                        Case{SigningAlg::ES256, s_ec, "ec-1"}, Case{SigningAlg::ES256, s_ec, ""}}) {
    auto exchange = client.fetch(jwt_settings(s_server->url("/token"), *c.key, c.alg, c.kid), 5000);
    ASSERT_TRUE(exchange.token.ok())
        << to_string(c.alg) << " kid=" << c.kid << ": " << exchange.token.problem().detail;
    EXPECT_EQ(exchange.status, 200);
    EXPECT_FALSE(exchange.token->value.empty());
  }
}

TEST_F(OidcProvider, RefusesAnAssertionSignedWithAnotherKey) {
  for (auto alg : {SigningAlg::RS256, SigningAlg::ES256}) {
    auto exchange =
        client.fetch(jwt_settings(s_server->url("/token"), make_key(alg), alg, ""), 5000);
    ASSERT_FALSE(exchange.token.ok()) << to_string(alg);
    EXPECT_EQ(exchange.status, 401);
    const auto& p = exchange.token.problem();
    EXPECT_EQ(p.type, ProblemType::TokenError);
    EXPECT_EQ(p.extensions.at("oauth_error"), "invalid_client") << p.detail;
  }
}

// An endpoint that echoes its request (in error_description, in the body, in a header) must not
// show the signed assertion: it is good at that token URL for up to 60 s.
TEST(ClientAssertion, AnEndpointsEchoOfItIsMasked) {
  outbound_test::LocalServer idp;
  idp.server().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 400;
    res.set_header("X-Echo", req.body);
    res.set_content(
        json{{"error", "invalid_client"}, {"error_description", req.body}, {"echo", req.body}}
            .dump(),
        "application/json");
  });
  idp.start();
  OutboundHttp http{OutboundPolicy{true, {}, {}, {}, {}}};
  OAuth2Client client{http};
  auto exchange = client.fetch(
      jwt_settings(idp.url("/echo"), make_key(SigningAlg::ES256), SigningAlg::ES256, "k1"), 5000);
  ASSERT_FALSE(exchange.token.ok());
  const auto& p = exchange.token.problem();
  ASSERT_EQ(p.extensions.at("oauth_error"), "invalid_client");
  const std::string description = p.extensions.at("oauth_error_description");
  EXPECT_NE(description.find("client_assertion=***"), std::string::npos) << description;
  const std::string everything = description + p.detail + exchange.response_body +
                                 exchange.response_headers.find("X-Echo")->second;
  EXPECT_EQ(everything.find("eyJ"), std::string::npos) << "no JWS (base64url of '{\"') anywhere";
}

}  // namespace
}  // namespace datahub::outbound
