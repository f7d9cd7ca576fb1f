// expired_statuses: an upstream status listed there drops the token and the call is retried
// once with a new one (a 401 by default), against a token endpoint and an upstream on loopback.
#include <atomic>
#include <mutex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "outbound/connector_client.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using nlohmann::json;
using outbound_test::LocalServer;

// An upstream that signals an expired token with 403: it takes only the newest token issued.
class ExpiredStatuses : public ::testing::Test {
 protected:
  void SetUp() override {
    idp.server().Post("/token", [this](const httplib::Request&, httplib::Response& res) {
      const int n = ++token_calls;
      std::lock_guard lock(mutex);
      current = "tok-" + std::to_string(n);
      res.set_content(json{{"access_token", current}, {"expires_in", 3600}}.dump(),
                      "application/json");
    });
    idp.start();
    api.server().Get("/v1/x", [this](const httplib::Request& req, httplib::Response& res) {
      ++api_calls;
      std::lock_guard lock(mutex);
      if (req.get_header_value("Authorization") != "Bearer " + current || api_calls == 1) {
        res.status = 403;
        res.set_content(R"({"message":"token expired"})", "application/json");
        return;
      }
      res.set_content("fresh", "text/plain");
    });
    api.server().Get("/v1/always",
                     [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
    api.start();
  }

  Connector connector() const {
    Connector c;
    c.id = "c_expiry";
    c.version = 1;
    c.base_url = api.url("/v1");
    c.timeout_ms = 10000;
    c.auth.method = AuthMethod::OAuth2;
    auto& o = c.auth.oauth2;
    o.token_url = idp.url("/token");
    o.client_id = "hub";
    o.client_secret.value = "hub-secret-1";
    return c;
  }

  ProxyRequest get_x() const {
    ProxyRequest r;
    r.path = "/x";
    return r;
  }

  std::mutex mutex;
  std::string current;
  std::atomic<int> token_calls{0};
  std::atomic<int> api_calls{0};
  LocalServer idp;
  LocalServer api;
  ConnectorClient connectors{OutboundPolicy{true, {}, {}, {}, {}}};
};

TEST_F(ExpiredStatuses, A403ListedDropsTheTokenAndRetriesOnce) {
  Connector c = connector();
  c.auth.oauth2.expired_statuses = {403};
  auto response = connectors.request(c, get_x());
  ASSERT_TRUE(response) << response.problem().detail;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "fresh");
  EXPECT_EQ(token_calls.load(), 2);
  EXPECT_EQ(api_calls.load(), 2);
}

TEST_F(ExpiredStatuses, ByDefaultA403ComesBack) {
  auto response = connectors.request(connector(), get_x());
  ASSERT_TRUE(response) << response.problem().detail;
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(token_calls.load(), 1);
  EXPECT_EQ(api_calls.load(), 1);
}

TEST_F(ExpiredStatuses, OnlyOneRetryWhenTheNewTokenIsRefusedToo) {
  Connector c = connector();
  c.auth.oauth2.expired_statuses = {401, 403};
  c.base_url = api.url("/v1/never");  // no such route: 404, never the listed statuses
  auto missing = connectors.request(c, get_x());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(token_calls.load(), 1);
  c.id = "c_expiry_2";
  c.base_url = api.url("/v1");
  ProxyRequest always;
  always.path = "/always";
  auto refused = connectors.request(c, always);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(token_calls.load(), 3);  // the first token, then exactly one new one
}

}  // namespace
}  // namespace datahub::outbound
