#include "login.h"

#include <gtest/gtest.h>

#include "api_client_http.h"
#include "fake_platform.h"

namespace datahub::web {
namespace {

TEST(Login, TokenFromHashTakesTheTokenPercentDecoded) {
  EXPECT_EQ(TokenFromHash("#token=abc123"), "abc123");
  EXPECT_EQ(TokenFromHash("#token=a%2Bb%3D"), "a+b=");
  EXPECT_EQ(TokenFromHash("#token=abc&x=1"), "abc");
  EXPECT_EQ(TokenFromHash("#/connectors"), "");
  EXPECT_EQ(TokenFromHash(""), "");
  EXPECT_EQ(TokenFromHash("#token="), "");
}

TEST(Login, TokenMovesFromTheAddressBarIntoTheSession) {
  testing::FakePlatform platform;
  platform.hash = "#token=s3cret";
  EXPECT_TRUE(TakeTokenFromAddress(platform, "#/connectors"));
  EXPECT_EQ(platform.session[kTokenKey], "s3cret");
  // Replaced, not pushed: "back" never returns to the address with the token.
  EXPECT_EQ(platform.hash, "#/connectors");
  EXPECT_TRUE(platform.history.empty());
  EXPECT_TRUE(IsSignedIn(platform));
}

TEST(Login, NoTokenInTheAddressLeavesTheSessionAlone) {
  testing::FakePlatform platform;
  platform.hash = "#/connectors/new";
  EXPECT_FALSE(TakeTokenFromAddress(platform, "#/connectors"));
  EXPECT_EQ(platform.hash, "#/connectors/new");
  EXPECT_FALSE(IsSignedIn(platform));
}

}  // namespace
}  // namespace datahub::web
