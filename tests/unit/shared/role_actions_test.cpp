#include "datahub/role_actions.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

// The matrix of docs/API.md "People and access", one row per role.
TEST(RoleActions, EachRoleIncludesTheOneBefore) {
  EXPECT_TRUE(role_may(Role::Viewer, Action::ViewConnectors));
  EXPECT_TRUE(role_may(Role::Viewer, Action::ManageOwnTokens));
  EXPECT_FALSE(role_may(Role::Viewer, Action::TestConnector));
  EXPECT_FALSE(role_may(Role::Viewer, Action::SetConnectorStatus));

  EXPECT_TRUE(role_may(Role::Operator, Action::TestConnector));
  EXPECT_TRUE(role_may(Role::Operator, Action::SetConnectorStatus));
  EXPECT_TRUE(role_may(Role::Operator, Action::SendRequest));
  EXPECT_FALSE(role_may(Role::Operator, Action::EditConnector));
  EXPECT_FALSE(role_may(Role::Operator, Action::ImportConnectors));

  EXPECT_TRUE(role_may(Role::Editor, Action::CreateConnector));
  EXPECT_TRUE(role_may(Role::Editor, Action::DeleteConnector));
  EXPECT_TRUE(role_may(Role::Editor, Action::ExportConnectors));
  EXPECT_FALSE(role_may(Role::Editor, Action::ExportWithSecrets));
  EXPECT_FALSE(role_may(Role::Editor, Action::ManageUsers));

  EXPECT_TRUE(role_may(Role::Admin, Action::ManageUsers));
  EXPECT_TRUE(role_may(Role::Admin, Action::ManageAllTokens));
}

TEST(RoleActions, SaysWhichRoleIsNeeded) {
  EXPECT_EQ(role_needed_text(Action::EditConnector), "Needs the editor role");
  EXPECT_EQ(role_needed_text(Action::TestConnector), "Needs the operator role");
  EXPECT_EQ(role_needed_text(Action::ManageUsers), "Needs the admin role");
}

}  // namespace
}  // namespace datahub
