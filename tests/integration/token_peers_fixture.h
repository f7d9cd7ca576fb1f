// An API test with two peers on loopback: a token endpoint (/token grants kPeerToken, /refuse
// answers invalid_client) and an upstream whose GET /v1/ping answers `m_upstream_status`; and
// active OAuth 2.0 connectors pointed at them. For the tests of what data requests leave behind
// (metrics, health).
#pragma once

#include <atomic>
#include <string>

#include "api_fixture.h"
#include "local_peer.h"

namespace datahub::testing {

inline constexpr const char* kPeerToken = "TOKEN-peers-1";
inline constexpr const char* kPeerSecret = "SECRET-peers-1";

class TokenPeersApiTest : public ApiTest {
 protected:
  void SetUp() override {
    m_idp.server().Post("/token", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(R"({"access_token":")") + kPeerToken +
                          R"(","token_type":"bearer","expires_in":3600})",
                      "application/json");
    });
    m_idp.server().Post("/refuse", [](const httplib::Request&, httplib::Response& res) {
      res.status = 400;
      res.set_content(R"({"error":"invalid_client"})", "application/json");
    });
    m_idp.start();
    m_api.server().Get("/v1/ping", [this](const httplib::Request&, httplib::Response& res) {
      res.status = m_upstream_status.load();
      res.set_content("pong", "text/plain");
    });
    m_api.start();
    start_reaching_loopback();
  }
  void TearDown() override {
    m_client.reset();
    m_server.reset();
  }

  // An active connector to the upstream, its token from `token_path` of the token endpoint.
  std::string active_connector(const std::string& name, const std::string& token_path) {
    json c = create({{"type", "api"},
                     {"name", name},
                     {"base_url", m_api.url("/v1")},
                     {"auth",
                      {{"method", "oauth2"},
                       {"grant_type", "client_credentials"},
                       {"token_url", m_idp.url(token_path)},
                       {"client_id", "hub"},
                       {"client_secret", kPeerSecret}}}});
    const std::string id = c["id"];
    EXPECT_EQ(post("/api/connectors/" + id + "/activate", json::object()).status, 200);
    return id;
  }

  LocalPeer m_idp;
  LocalPeer m_api;
  std::atomic<int> m_upstream_status{200};
};

}  // namespace datahub::testing
