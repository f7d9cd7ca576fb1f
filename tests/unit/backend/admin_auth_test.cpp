#include "admin_auth.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

TokenHashStorage memory(std::optional<std::string>& slot) {
  return {[&slot] { return slot; },
          [&slot](const std::string& hash) {
            slot = hash;
            return true;
          }};
}

TEST(AdminAuthTest, ConfiguredTokenIsAcceptedAsBearerOnly) {
  std::optional<std::string> slot, generated;
  auto auth = AdminAuth::init(std::string("s3cret-token"), memory(slot), generated);
  ASSERT_TRUE(auth);
  EXPECT_FALSE(generated);
  EXPECT_FALSE(slot) << "a configured token is not stored";
  EXPECT_TRUE(auth->check_authorization("Bearer s3cret-token"));
  EXPECT_TRUE(auth->check_authorization("bearer s3cret-token"));
  EXPECT_FALSE(auth->check_authorization("Bearer s3cret-tokeN"));
  EXPECT_FALSE(auth->check_authorization("Basic s3cret-token"));
  EXPECT_FALSE(auth->check_authorization("Bearer "));
  EXPECT_FALSE(auth->check_authorization(""));
}

TEST(AdminAuthTest, FirstStartMakesATokenAndStoresOnlyItsHash) {
  std::optional<std::string> slot, generated;
  auto first = AdminAuth::init(std::nullopt, memory(slot), generated);
  ASSERT_TRUE(first && generated && slot);
  EXPECT_EQ(slot->find(*generated), std::string::npos);
  EXPECT_EQ(slot->size(), 64u);  // hex of a 32-byte hash
  const std::string token = *generated;
  EXPECT_TRUE(first->check_authorization("Bearer " + token));

  auto second = AdminAuth::init(std::nullopt, memory(slot), generated);
  ASSERT_TRUE(second);
  EXPECT_FALSE(generated) << "the token is made (and shown) only once";
  EXPECT_TRUE(second->check_authorization("Bearer " + token));
}

TEST(AdminAuthTest, GeneratedTokensAreLongAndUrlSafe) {
  const std::string a = make_admin_token(), b = make_admin_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST(AdminAuthTest, AStorageFailureIsReported) {
  std::optional<std::string> generated;
  TokenHashStorage broken{[] { return std::optional<std::string>(); },
                          [](const std::string&) { return false; }};
  EXPECT_FALSE(AdminAuth::init(std::nullopt, broken, generated));
  TokenHashStorage corrupt{[] { return std::optional<std::string>("zz"); },
                           [](const std::string&) { return true; }};
  EXPECT_FALSE(AdminAuth::init(std::nullopt, corrupt, generated));
}

}  // namespace
}  // namespace datahub::backend
