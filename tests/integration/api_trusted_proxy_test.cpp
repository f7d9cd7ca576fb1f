// --trusted-proxy: behind a proxy the sign-in throttle counts each forwarded client on its own,
// and believes X-Forwarded-For from no one else.
#include <memory>

#include "api_fixture.h"

namespace datahub::testing {
namespace {

class TrustedProxyTest : public ::testing::Test {
 protected:
  // A server whose sign-in throttle trusts `network` (the test's requests come from 127.0.0.1).
  void start(const std::string& network) {
    ServerConfig config;
    config.data_dir = m_dir.path() + "/data";
    config.extra_args = {"--trusted-proxy", network};
    m_server = std::make_unique<ServerProcess>(config);
    ASSERT_TRUE(m_server->started()) << m_server->output();
  }

  // A sign-in with a wrong token (counted by address only), as forwarded for `client`.
  int wrong_sign_in(const std::string& client) {
    httplib::Client cli("127.0.0.1", m_server->port());
    auto res = cli.Post("/api/session", {{"X-Forwarded-For", client}},
                        R"({"token":"not-the-token-at-all"})", "application/json");
    return res ? res->status : 0;
  }

  TempDir m_dir;
  std::unique_ptr<ServerProcess> m_server;
};

TEST_F(TrustedProxyTest, EachForwardedClientIsCountedOnItsOwn) {
  start("127.0.0.0/8");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(wrong_sign_in("203.0.113.1"), 401);
  EXPECT_EQ(wrong_sign_in("203.0.113.1"), 429);
  // Another person behind the same proxy is not locked out, nor one who claims a new address
  // in front of what the proxy appended.
  EXPECT_EQ(wrong_sign_in("203.0.113.2"), 401);
  EXPECT_EQ(wrong_sign_in("198.51.100.7, 203.0.113.1"), 429);
}

TEST_F(TrustedProxyTest, AnUntrustedPeerIsCountedByItsOwnAddress) {
  start("192.0.2.0/24");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(wrong_sign_in("203.0.113." + std::to_string(i + 1)), 401);
  EXPECT_EQ(wrong_sign_in("203.0.113.99"), 429) << "X-Forwarded-For believed from 127.0.0.1";
}

TEST_F(TrustedProxyTest, ANetworkThatIsNotOneIsRefused) {
  ServerConfig config;
  config.data_dir = m_dir.path() + "/data";
  config.extra_args = {"--trusted-proxy", "10.0.0.0/33"};
  ServerProcess refused(config);
  EXPECT_EQ(refused.early_exit_code(), 2) << refused.output();
  EXPECT_NE(refused.output().find("--trusted-proxy"), std::string::npos) << refused.output();
}

}  // namespace
}  // namespace datahub::testing
