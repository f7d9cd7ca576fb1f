// The headers that make browsers treat answers safely: the page's Content-Security-Policy and
// frame rule, nosniff and no Referer everywhere, and API answers never cached.
#include <fstream>

#include "api_fixture.h"

namespace datahub::testing {
namespace {

class SecurityHeadersTest : public ApiTest {
 protected:
  void SetUp() override {
    m_site = std::make_unique<TempDir>();
    std::ofstream(m_site->path() + "/index.html") << "<!doctype html><title>Data Hub</title>";
    ServerConfig config;
    config.extra_args = {"--web", m_site->path()};
    start(config);
  }
  std::unique_ptr<TempDir> m_site;
};

TEST_F(SecurityHeadersTest, ThePageRunsOnlyItsOwnScriptsAndWebAssemblyInNoFrame) {
  Reply page = get("/");
  ASSERT_EQ(page.status, 200);
  const std::string policy = page.header("Content-Security-Policy");
  EXPECT_NE(policy.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
  EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(page.header("Referrer-Policy"), "no-referrer");
  // Plain HTTP cannot promise HTTPS (api_tls_test covers the HTTPS listener's HSTS).
  EXPECT_EQ(page.header("Strict-Transport-Security"), "");
}

TEST_F(SecurityHeadersTest, ApiAnswersAreNeverStored) {
  for (const std::string path : {"/api/health", "/api/connectors", "/api/connectors/nope"}) {
    Reply r = get(path);
    EXPECT_EQ(r.header("Cache-Control"), "no-store") << path;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << path;
  }
}

}  // namespace
}  // namespace datahub::testing
