// OIDC sign-in's groups-to-role mapping and its pending sign-ins (backend/identity/oidc_*.h).
#include <gtest/gtest.h>

#include "identity/oidc_pending.h"
#include "identity/oidc_settings.h"

namespace {

using datahub::Role;
using datahub::backend::OidcPending;
using datahub::backend::OidcSettings;
using datahub::backend::parse_oidc_roles;
using datahub::backend::role_from_groups;
using nlohmann::json;

OidcSettings settings() {
  OidcSettings s;
  std::string why;
  s.roles = *parse_oidc_roles("editor=hub-editors,admin=hub-admins,operator=hub-ops", why);
  return s;
}

TEST(OidcRoles, TheHighestMatchingRoleWins) {
  const auto s = settings();
  EXPECT_EQ(role_from_groups(s, {{"groups", json::array({"hub-ops", "hub-admins", "x"})}}),
            Role::Admin);
  EXPECT_EQ(role_from_groups(s, {{"groups", json::array({"hub-ops", "hub-editors"})}}),
            Role::Editor);
  EXPECT_EQ(role_from_groups(s, {{"groups", "hub-ops"}}), Role::Operator);
}

TEST(OidcRoles, NoMatchingGroupIsViewer) {
  const auto s = settings();
  EXPECT_EQ(role_from_groups(s, {{"groups", json::array({"staff"})}}), Role::Viewer);
  EXPECT_EQ(role_from_groups(s, json::object()), Role::Viewer);
  EXPECT_EQ(role_from_groups(s, {{"groups", 3}}), Role::Viewer);
}

TEST(OidcRoles, TheGroupsClaimCanBeRenamed) {
  auto s = settings();
  s.groups_claim = "roles";
  EXPECT_EQ(role_from_groups(s, {{"groups", json::array({"hub-admins"})}}), Role::Viewer);
  EXPECT_EQ(role_from_groups(s, {{"roles", json::array({"hub-admins"})}}), Role::Admin);
}

TEST(OidcRoles, MalformedPairsAreRefused) {
  std::string why;
  EXPECT_FALSE(parse_oidc_roles("superuser=x", why));
  EXPECT_NE(why.find("superuser=x"), std::string::npos);
  EXPECT_FALSE(parse_oidc_roles("admin=", why));
  EXPECT_FALSE(parse_oidc_roles("admin", why));
  EXPECT_TRUE(parse_oidc_roles("", why));
}

TEST(OidcPending, AStateIsUsedOnce) {
  OidcPending pending;
  pending.put("s1", {"nonce", "verifier", 0}, 1000);
  auto taken = pending.take("s1", 1001);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->nonce, "nonce");
  EXPECT_FALSE(pending.take("s1", 1002));
  EXPECT_FALSE(pending.take("unknown", 1002));
}

TEST(OidcPending, AStateExpiresAfterTenMinutes) {
  OidcPending pending;
  pending.put("s1", {"nonce", "verifier", 0}, 1000);
  EXPECT_FALSE(pending.take("s1", 1000 + OidcPending::kLifetimeSeconds));
}

TEST(OidcPending, TheBookIsBounded) {
  OidcPending pending;
  for (std::size_t i = 0; i < OidcPending::kMaxPending + 50; ++i)
    pending.put("s" + std::to_string(i), {"n", "v", 0}, static_cast<std::int64_t>(i / 10));
  EXPECT_EQ(pending.size(), OidcPending::kMaxPending);
  EXPECT_FALSE(pending.take("s0", 200));  // the oldest went first
  EXPECT_FALSE(pending.take("s49", 200));
  EXPECT_TRUE(pending.take("s50", 200));
  EXPECT_TRUE(pending.take("s1049", 200));
}

}  // namespace
