// OIDC sign-in's side in the identity store (IdentityService::sign_in_external), on a real LMDB
// identity store in a temporary directory, and the --oidc-* options' checks.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "identity/identity_service.h"
#include "server_options.h"
#include "store/lmdb_identity_store.h"

namespace datahub::backend {
namespace {

class OidcSignIn : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("oidc-sign-in-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(m_dir);
    LmdbEnvOptions options;
    options.dir = m_dir;
    m_env = std::move(LmdbEnv::open(options).value());
    m_store = std::move(LmdbIdentityStore::open(*m_env).value());
    m_identity = std::make_unique<IdentityService>(*m_store);
  }
  void TearDown() override {
    m_identity.reset();
    m_store.reset();
    m_env.reset();
    std::filesystem::remove_all(m_dir);
  }

  Result<SignedIn> sign_in(const std::string& sub, const std::string& username, Role role) {
    return m_identity->sign_in_external({"https://idp.example#" + sub, username, "", role});
  }

  std::filesystem::path m_dir;
  std::unique_ptr<LmdbEnv> m_env;
  std::unique_ptr<LmdbIdentityStore> m_store;
  std::unique_ptr<IdentityService> m_identity;
};

TEST_F(OidcSignIn, TheFirstSignInMakesTheUserAndTheNextFindsIt) {
  auto first = sign_in("s-1", "ann", Role::Editor);
  ASSERT_TRUE(first) << first.problem().detail;
  EXPECT_EQ(first->caller.user.role, Role::Editor);
  EXPECT_EQ(first->caller.user.display_name, "ann");
  auto again = sign_in("s-1", "ann", Role::Editor);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->caller.user.id, first->caller.user.id);
  EXPECT_EQ(m_store->users()->size(), 1u);
}

TEST_F(OidcSignIn, TheRoleFollowsTheGroupsAndEndsOtherSessions) {
  auto first = sign_in("s-1", "ann", Role::Editor);
  ASSERT_TRUE(first);
  auto again = sign_in("s-1", "ann", Role::Viewer);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->caller.user.role, Role::Viewer);
  EXPECT_FALSE(m_identity->resolve_session(first->session_id));
  EXPECT_TRUE(m_identity->resolve_session(again->session_id));
}

TEST_F(OidcSignIn, ARenamedPersonIsStillTheSameUser) {
  auto first = sign_in("s-1", "ann", Role::Viewer);
  auto renamed = sign_in("s-1", "ann.b", Role::Viewer);
  ASSERT_TRUE(renamed) << renamed.problem().detail;
  EXPECT_EQ(renamed->caller.user.id, first->caller.user.id);
}

TEST_F(OidcSignIn, ALocalUserOrAnotherSubjectsUsernameIsRefused) {
  auto local = m_identity->create_user(
      {{"username", "Bob"}, {"role", "viewer"}, {"password", "a long password 1"}});
  ASSERT_TRUE(local);
  auto clash = sign_in("s-2", "bob", Role::Admin);
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.problem().type, ProblemType::NameTaken);
  EXPECT_EQ(m_store->user(local->id)->user.role, Role::Viewer);
  ASSERT_TRUE(sign_in("s-3", "cy", Role::Viewer));
  EXPECT_EQ(sign_in("s-4", "cy", Role::Viewer).problem().type, ProblemType::NameTaken);
}

TEST_F(OidcSignIn, AnSsoUserCannotSignInWithAPassword) {
  ASSERT_TRUE(sign_in("s-1", "ann", Role::Viewer));
  EXPECT_EQ(m_identity->sign_in("ann", "", "10.0.0.1").problem().type, ProblemType::Unauthorized);
}

TEST_F(OidcSignIn, TheLastAdminStaysAdmin) {
  ASSERT_TRUE(sign_in("s-1", "ann", Role::Admin));
  auto again = sign_in("s-1", "ann", Role::Viewer);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->caller.user.role, Role::Admin);
  ASSERT_TRUE(sign_in("s-2", "bea", Role::Admin));
  EXPECT_EQ(sign_in("s-1", "ann", Role::Viewer)->caller.user.role, Role::Viewer);
}

TEST_F(OidcSignIn, ADisabledUserIsRefused) {
  auto first = sign_in("s-1", "ann", Role::Viewer);
  ASSERT_TRUE(first);
  ASSERT_TRUE(m_store->update_user(first->caller.user.id, [](const StoredUser& u, std::size_t) {
    UserChange change{u, true, ""};
    change.next.user.disabled = true;
    return Result<UserChange>(change);
  }));
  EXPECT_EQ(sign_in("s-1", "ann", Role::Viewer).problem().type, ProblemType::Unauthorized);
}

// [SECTION] --oidc-* options

std::optional<ServerOptions> parse(std::vector<std::string> args, int& exit_code) {
  args.insert(args.begin(), "datahub-server");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parse_server_options(static_cast<int>(argv.size()), argv.data(), exit_code);
}

TEST(OidcOptions, AreReadWithTheSecretFromTheEnvironment) {
  ::setenv("DATAHUB_OIDC_CLIENT_SECRET", "s3cret", 1);
  int code = 0;
  auto o = parse({"--oidc-issuer", "https://idp.example", "--oidc-client-id", "hub", "--oidc-roles",
                  "admin=a,editor=e", "--oidc-groups-claim", "roles"},
                 code);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->oidc.client_secret, "s3cret");
  EXPECT_EQ(o->oidc.roles.size(), 2u);
  EXPECT_EQ(o->oidc.groups_claim, "roles");
  EXPECT_TRUE(o->oidc.redirect_uri.empty());  // main() derives it from the bound address
  ::unsetenv("DATAHUB_OIDC_CLIENT_SECRET");
}

TEST(OidcOptions, RefuseWhatCannotWork) {
  ::setenv("DATAHUB_OIDC_CLIENT_SECRET", "s3cret", 1);
  int code = 0;
  EXPECT_FALSE(parse({"--oidc-issuer", "https://idp.example"}, code));  // no client id
  EXPECT_EQ(code, 2);
  EXPECT_FALSE(parse({"--oidc-issuer", "http://idp.example", "--oidc-client-id", "hub"}, code));
  EXPECT_TRUE(parse({"--oidc-issuer", "http://127.0.0.1:9", "--oidc-client-id", "hub"}, code));
  EXPECT_FALSE(parse(
      {"--oidc-issuer", "https://idp.example", "--oidc-client-id", "hub", "--oidc-roles", "root=x"},
      code));
  ::unsetenv("DATAHUB_OIDC_CLIENT_SECRET");
  EXPECT_FALSE(parse({"--oidc-issuer", "https://idp.example", "--oidc-client-id", "hub"}, code));
}

}  // namespace
}  // namespace datahub::backend
