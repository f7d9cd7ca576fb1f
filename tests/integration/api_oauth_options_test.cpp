// The OAuth 2.0 options end to end (docs/API.md, "OAuth 2.0"): a real server, private_key_jwt
// against the certified oidc-provider (npm) on loopback, which verifies the assertion itself;
// the key's 422s, its write-only answers and its encryption at rest.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "local_peer.h"
#include "test_keys.h"
#include "test_peers.h"

namespace datahub::testing {
namespace {

using outbound_test::KeyPair;
using outbound_test::make_key;

// A line of the key's base64 body: what would show if the key leaked anywhere.
std::string key_body_line(const std::string& pem) {
  const auto start = pem.find('\n') + 1;
  return pem.substr(start, 40);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class OAuthOptionsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    m_rsa = make_key(SigningAlg::RS256);
    m_ec = make_key(SigningAlg::ES256);
    m_idp = std::make_unique<outbound_test::ChildServer>(std::vector<std::string>{
        "node", outbound_test::source_dir() + "/tests/outbound/oidc_provider_peer.mjs",
        "rsa-1=" + m_rsa.public_pem, "ec-1=" + m_ec.public_pem});
    ASSERT_TRUE(m_idp->ok()) << "oidc-provider did not start";
    m_api.server().Get("/v1/health", [this](const httplib::Request& req, httplib::Response& res) {
      m_api.record(req);
      res.set_content("ok", "text/plain");
    });
    m_api.start();
    start_reaching_loopback();
  }
  void TearDown() override {
    m_client.reset();
    m_server.reset();
    m_idp.reset();
  }

  json jwt_connector(const std::string& name, const std::string& pem, const std::string& alg) {
    return {{"type", "api"},
            {"name", name},
            {"base_url", m_api.url("/v1")},
            {"auth",
             {{"method", "oauth2"},
              {"token_url", m_idp->url("/token")},
              {"client_id", "hub"},
              {"client_authentication", "private_key_jwt"},
              {"private_key", pem},
              {"signing_alg", alg}}}};
  }

  KeyPair m_rsa;
  KeyPair m_ec;
  std::unique_ptr<outbound_test::ChildServer> m_idp;
  LocalPeer m_api;
};

TEST_F(OAuthOptionsApiTest, AKeyOfTheWrongTypeIs422UnderItsField) {
  Reply r = post("/api/connectors", jwt_connector("A", m_rsa.private_pem, "ES256"));
  ASSERT_EQ(r.status, 422) << r.raw;
  EXPECT_EQ(r.body["errors"][0]["field"], "auth.private_key") << r.raw;
  EXPECT_EQ(r.body["errors"][0]["message"], "must be an EC P-256 private key for ES256");
  Reply none = post("/api/connectors", jwt_connector("B", "", "RS256"));
  ASSERT_EQ(none.status, 422) << none.raw;
  EXPECT_EQ(none.body["errors"][0]["field"], "auth.private_key") << none.raw;
  json bad = jwt_connector("C", m_ec.private_pem, "ES256");
  bad["auth"]["token_field"] = "data.token";
  bad["auth"]["expired_statuses"] = {200};
  Reply many = post("/api/connectors", bad);
  ASSERT_EQ(many.status, 422) << many.raw;
  EXPECT_EQ(many.body["errors"].size(), 2u) << many.raw;
}

TEST_F(OAuthOptionsApiTest, TestGetsATokenFromTheIdpWithEachAlgorithm) {
  for (const auto& [alg, key] :
       {std::pair{"RS256", &m_rsa}, std::pair{"PS256", &m_rsa}, std::pair{"ES256", &m_ec}}) {
    json c = create(jwt_connector(std::string("jwt ") + alg, key->private_pem, alg));
    EXPECT_EQ(c["auth"]["private_key_set"], true);
    EXPECT_FALSE(c["auth"].contains("private_key"));
    EXPECT_EQ(c["auth"].value("signing_alg", "RS256"), alg);  // the default is left out
    Reply t = post("/api/connectors/" + c["id"].get<std::string>() + "/test",
                   {{"method", "GET"}, {"path", "/health"}});
    ASSERT_EQ(t.status, 200) << t.raw;
    EXPECT_TRUE(t.body["ok"].get<bool>()) << alg << ": " << t.raw;
    EXPECT_EQ(t.raw.find(key_body_line(key->private_pem)), std::string::npos);
  }
}

TEST_F(OAuthOptionsApiTest, AnUnknownKeyIsRefusedByTheIdp) {
  json c = create(jwt_connector("stranger", make_key(SigningAlg::RS256).private_pem, "RS256"));
  Reply t = post("/api/connectors/" + c["id"].get<std::string>() + "/test", json::object());
  ASSERT_EQ(t.status, 200) << t.raw;
  EXPECT_FALSE(t.body["ok"].get<bool>()) << t.raw;
  EXPECT_EQ(t.body["steps"][0]["oauth_error"], "invalid_client") << t.raw;
}

TEST_F(OAuthOptionsApiTest, TheKeyIsSealedAtRest) {
  create(jwt_connector("sealed", m_rsa.private_pem, "RS256"));
  ASSERT_EQ(m_server->stop(), 0);
  EXPECT_EQ(m_server->output().find(key_body_line(m_rsa.private_pem)), std::string::npos);
  const std::string raw = read_all(m_config.data_dir + "/data.mdb");
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(raw.find(key_body_line(m_rsa.private_pem)), std::string::npos);
  EXPECT_EQ(raw.find("PRIVATE KEY"), std::string::npos);
}

}  // namespace
}  // namespace datahub::testing
