// The IdentityStore contract (identity_store.h) on both stores: users by id and by folded name,
// the setup code used once, mutations and removals decided inside the transaction with the
// count of enabled admins, sessions and API tokens, and what removing a user or a token takes
// with it.
#include <gtest/gtest.h>

#include "identity_contract.h"

namespace datahub::backend::testing {
namespace {

using Uses = std::vector<std::pair<std::string, std::int64_t>>;

class IdentityContract : public IdentityContractTest {
 protected:
  void add(const StoredUser& user) { ASSERT_TRUE(store().create_user(user).ok()) << user.user.id; }

  // What update_user's mutation and remove_user's check were given.
  std::size_t admins_seen_by_update(const std::string& id) {
    std::size_t seen = 0;
    auto kept = store().update_user(id, [&](const StoredUser& current, std::size_t admins) {
      seen = admins;
      return Result<UserChange>(UserChange{current, false, ""});
    });
    EXPECT_TRUE(kept.ok());
    return seen;
  }

  bool has_session(const std::string& hash) { return store().session(hash).ok(); }

  std::vector<std::string> token_ids() {
    std::vector<std::string> ids;
    auto all = store().tokens();
    EXPECT_TRUE(all.ok());
    if (all)
      for (const auto& t : *all) ids.push_back(t.id);
    return ids;
  }
};

std::vector<std::string> usernames(const std::vector<User>& users) {
  std::vector<std::string> out;
  for (const auto& u : users) out.push_back(u.username);
  return out;
}

// [SECTION] Users

TEST_P(IdentityContract, UsersAreFoundByIdAndByNameIgnoringCaseAndListedByFoldedName) {
  EXPECT_EQ(*store().user_count(), 0u);
  StoredUser bob = sample_user("u_bob", "bob", Role::Editor);
  bob.oidc_subject = "https://idp.example.com#bob-sub";
  bob.user.last_login_at = "2026-03-04T05:06:07Z";
  add(bob);
  add(sample_user("u_alice", "Alice", Role::Admin));
  add(sample_user("u_carol", "carol", Role::Viewer, /*disabled=*/true));
  EXPECT_EQ(*store().user_count(), 3u);

  auto read = store().user("u_bob");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(to_json(read->user), to_json(bob.user));
  EXPECT_EQ(read->password_hash, bob.password_hash);
  EXPECT_EQ(read->oidc_subject, bob.oidc_subject);

  auto by_name = store().user_by_name("aLICE");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->user.id, "u_alice");
  EXPECT_EQ(by_name->user.username, "Alice") << "stored as given, found folded";
  EXPECT_EQ(by_name->oidc_subject, "");

  auto all = store().users();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(usernames(*all), (std::vector<std::string>{"Alice", "bob", "carol"}));
  EXPECT_TRUE((*all)[2].disabled);

  EXPECT_EQ(store().user("u_none").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().user_by_name("nobody").problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, KeysThatCannotBeStoredNameNobody) {
  add(sample_user("u_ann", "ann"));
  EXPECT_EQ(store().user(std::string("u_ann\0x", 7)).problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().user_by_name(std::string("ann\0x", 5)).problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().user_by_name("ann\xff").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().token("t_\xc3").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().session("\xfe").problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, AUsernameTakenIgnoringCaseIsNameTakenAndWritesNothing) {
  add(sample_user("u_1", "Dana"));
  auto taken = store().create_user(sample_user("u_2", "dANA"));
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.problem().type, ProblemType::NameTaken);
  ASSERT_EQ(taken.problem().errors.size(), 1u);
  EXPECT_EQ(taken.problem().errors[0].field, "username");
  EXPECT_EQ(*store().user_count(), 1u);
  EXPECT_EQ(store().user("u_2").problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, AnUpdateIsDecidedWithTheCountOfEnabledAdminsAndStored) {
  add(sample_user("u_a1", "a1", Role::Admin));
  add(sample_user("u_a2", "a2", Role::Admin));
  add(sample_user("u_a3", "a3", Role::Admin, /*disabled=*/true));
  add(sample_user("u_v", "v", Role::Viewer));
  EXPECT_EQ(admins_seen_by_update("u_v"), 2u) << "a disabled admin is not counted";

  auto updated = store().update_user("u_v", [](const StoredUser& current, std::size_t) {
    UserChange change{current, false, ""};
    change.next.user.role = Role::Admin;
    change.next.user.display_name = "Promoted";
    change.next.password_hash = "new-hash";
    change.next.user.version += 1;
    return Result<UserChange>(change);
  });
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->user.display_name, "Promoted");
  auto read = store().user("u_v");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->user.role, Role::Admin);
  EXPECT_EQ(read->user.version, 2);
  EXPECT_EQ(read->password_hash, "new-hash");
  EXPECT_EQ(admins_seen_by_update("u_a1"), 3u);

  auto refused = store().update_user("u_a1", [](const StoredUser&, std::size_t) {
    return Result<UserChange>(make_problem(ProblemType::LastAdmin, "no"));
  });
  EXPECT_EQ(refused.problem().type, ProblemType::LastAdmin);
  EXPECT_EQ(store().user("u_a1")->user.role, Role::Admin) << "a refused mutation writes nothing";

  auto missing = store().update_user("u_none", [](const StoredUser& current, std::size_t) {
    return Result<UserChange>(UserChange{current, false, ""});
  });
  EXPECT_EQ(missing.problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, AnUpdateThatEndsSessionsEndsTheUsersButTheKeptOne) {
  add(sample_user("u_a", "a"));
  add(sample_user("u_b", "b"));
  ASSERT_TRUE(store().create_token(sample_token("t_a", "u_a", "ha")).ok());
  ASSERT_TRUE(store().put_session("s1", sample_session("u_a", 100)).ok());
  ASSERT_TRUE(store().put_session("s2", sample_session("u_a", 100)).ok());
  ASSERT_TRUE(store().put_session("s3", sample_session("u_a", 100, "t_a")).ok());
  ASSERT_TRUE(store().put_session("s4", sample_session("u_b", 100)).ok());
  auto updated = store().update_user("u_a", [](const StoredUser& current, std::size_t) {
    return Result<UserChange>(UserChange{current, true, "s2"});
  });
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(has_session("s1"));
  EXPECT_TRUE(has_session("s2")) << "kept";
  EXPECT_FALSE(has_session("s3")) << "a session acting as the user's token acts for the user";
  EXPECT_TRUE(has_session("s4")) << "another user's";
  EXPECT_TRUE(store().token("t_a").ok()) << "tokens stay";

  auto without_ending = store().update_user("u_b", [](const StoredUser& current, std::size_t) {
    return Result<UserChange>(UserChange{current, false, ""});
  });
  ASSERT_TRUE(without_ending.ok());
  EXPECT_TRUE(has_session("s4"));
}

TEST_P(IdentityContract, RemovingAUserTakesItsSessionsAndTokensWithIt) {
  add(sample_user("u_a", "Ann", Role::Admin));
  add(sample_user("u_b", "b", Role::Admin));
  ASSERT_TRUE(store().create_token(sample_token("t_a1", "u_a", "h1")).ok());
  ASSERT_TRUE(store().create_token(sample_token("t_a2", "u_a", "h2")).ok());
  ASSERT_TRUE(store().create_token(sample_token("t_b", "u_b", "h3")).ok());
  ASSERT_TRUE(store().put_session("s_own", sample_session("u_a", 100)).ok());
  ASSERT_TRUE(store().put_session("s_tok", sample_session("u_a", 100, "t_a1")).ok());
  ASSERT_TRUE(store().put_session("s_b", sample_session("u_b", 100)).ok());

  std::size_t seen = 0;
  auto refused = store().remove_user("u_a", [&](const StoredUser& current, std::size_t admins) {
    seen = admins;
    EXPECT_EQ(current.user.id, "u_a");
    return std::optional<Problem>(make_problem(ProblemType::LastAdmin, "no"));
  });
  EXPECT_EQ(refused.problem().type, ProblemType::LastAdmin);
  EXPECT_EQ(seen, 2u);
  EXPECT_TRUE(store().user("u_a").ok()) << "a refused removal removes nothing";
  EXPECT_TRUE(has_session("s_own"));

  auto removed = store().remove_user(
      "u_a", [](const StoredUser&, std::size_t) { return std::optional<Problem>(); });
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->user.username, "Ann");
  EXPECT_EQ(store().user("u_a").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().user_by_name("ann").problem().type, ProblemType::NotFound);
  EXPECT_FALSE(has_session("s_own"));
  EXPECT_FALSE(has_session("s_tok"));
  EXPECT_TRUE(has_session("s_b"));
  EXPECT_EQ(token_ids(), std::vector<std::string>{"t_b"});
  EXPECT_EQ(store().token_by_hash("h1").problem().type, ProblemType::NotFound);
  EXPECT_EQ(*store().user_count(), 1u);
  EXPECT_TRUE(store().create_user(sample_user("u_c", "ANN")).ok()) << "the name is free again";

  auto missing =
      store().remove_user("u_a", [](const StoredUser&, std::size_t) { return std::nullopt; });
  EXPECT_EQ(missing.problem().type, ProblemType::NotFound);
}

// [SECTION] The setup code

TEST_P(IdentityContract, TheSetupCodeIsCheckedAndReplacedAndExpires) {
  EXPECT_EQ(store().check_setup_code("h-code", 100).problem().type, ProblemType::Forbidden)
      << "no code stored";
  ASSERT_TRUE(store().put_setup_code({"h-old", 200}).ok());
  ASSERT_TRUE(store().put_setup_code({"h-code", 200}).ok());
  EXPECT_TRUE(store().check_setup_code("h-code", 199).ok());
  EXPECT_TRUE(store().check_setup_code("h-code", 199).ok()) << "checking does not use it up";
  EXPECT_EQ(store().check_setup_code("h-old", 100).problem().type, ProblemType::Forbidden)
      << "replaced";
  EXPECT_EQ(store().check_setup_code("h-cod", 100).problem().type, ProblemType::Forbidden);
  EXPECT_EQ(store().check_setup_code("h-code", 200).problem().type, ProblemType::Forbidden)
      << "expired at its expiry";
}

TEST_P(IdentityContract, TheFirstUserUsesTheSetupCodeUpAtOnce) {
  ASSERT_TRUE(store().put_setup_code({"h-code", 200}).ok());
  auto wrong = store().create_user(sample_user("u_1", "root", Role::Admin), "h-wrong", 100);
  EXPECT_EQ(wrong.problem().type, ProblemType::Forbidden);
  auto late = store().create_user(sample_user("u_1", "root", Role::Admin), "h-code", 200);
  EXPECT_EQ(late.problem().type, ProblemType::Forbidden);
  EXPECT_EQ(*store().user_count(), 0u) << "a refused code creates no user";

  ASSERT_TRUE(store().create_user(sample_user("u_1", "root", Role::Admin), "h-code", 100).ok());
  EXPECT_EQ(
      store().create_user(sample_user("u_2", "again", Role::Admin), "h-code", 100).problem().type,
      ProblemType::SetupDone);
  EXPECT_EQ(store().check_setup_code("h-code", 100).problem().type, ProblemType::SetupDone);

  // With the first user gone, the code is still used up.
  ASSERT_TRUE(
      store().remove_user("u_1", [](const StoredUser&, std::size_t) { return std::nullopt; }).ok());
  EXPECT_EQ(store().check_setup_code("h-code", 100).problem().type, ProblemType::Forbidden);
  EXPECT_EQ(
      store().create_user(sample_user("u_3", "root", Role::Admin), "h-code", 100).problem().type,
      ProblemType::Forbidden);
}

TEST_P(IdentityContract, OnceAUserExistsTheSetupIsDoneWhateverTheCode) {
  add(sample_user("u_1", "made-by-the-admin-token", Role::Admin));
  ASSERT_TRUE(store().put_setup_code({"h-code", 200}).ok());
  EXPECT_EQ(store().check_setup_code("h-code", 100).problem().type, ProblemType::SetupDone);
  auto refused = store().create_user(sample_user("u_2", "root", Role::Admin), "h-code", 100);
  EXPECT_EQ(refused.problem().type, ProblemType::SetupDone);
  EXPECT_EQ(*store().user_count(), 1u);
}

// [SECTION] Sessions

TEST_P(IdentityContract, SessionsAreStoredReadTouchedAndRemoved) {
  const Session s{"u_a", 100, 150, "csrf-secret-value", "t_x"};
  ASSERT_TRUE(store().put_session("hash-1", s).ok());
  auto read = store().session("hash-1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->user_id, "u_a");
  EXPECT_EQ(read->created_at, 100);
  EXPECT_EQ(read->last_seen_at, 150);
  EXPECT_EQ(read->csrf_token, "csrf-secret-value");
  EXPECT_EQ(read->token_id, "t_x");
  EXPECT_EQ(store().session("hash-2").problem().type, ProblemType::NotFound);

  const Session admin{"", 100, 100, "c", std::string(kAdminTokenSubject)};
  ASSERT_TRUE(store().put_session("hash-admin", admin).ok());
  EXPECT_EQ(store().session("hash-admin")->token_id, kAdminTokenSubject);
  EXPECT_EQ(store().session("hash-admin")->user_id, "");

  EXPECT_TRUE(*store().touch_session("hash-1", 300));
  EXPECT_EQ(store().session("hash-1")->last_seen_at, 300);
  EXPECT_TRUE(*store().touch_session("hash-1", 200));
  EXPECT_EQ(store().session("hash-1")->last_seen_at, 300) << "the later time stays";
  EXPECT_FALSE(*store().touch_session("hash-none", 300));
  EXPECT_EQ(store().session("hash-none").problem().type, ProblemType::NotFound)
      << "touching made nothing";

  EXPECT_TRUE(*store().remove_session("hash-1"));
  EXPECT_FALSE(*store().remove_session("hash-1"));
  EXPECT_EQ(store().session("hash-1").problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, ExpiredSessionsAreRemovedByIdleTimeOrAge) {
  ASSERT_TRUE(store().put_session("fresh", Session{"u", 900, 990, "c", ""}).ok());
  ASSERT_TRUE(store().put_session("idle", Session{"u", 900, 899, "c", ""}).ok());
  ASSERT_TRUE(store().put_session("old", Session{"u", 499, 995, "c", ""}).ok());
  ASSERT_TRUE(store().put_session("edge", Session{"u", 500, 900, "c", ""}).ok());
  auto removed = store().remove_expired_sessions(/*idle_before=*/900, /*created_before=*/500);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2u);
  EXPECT_TRUE(has_session("fresh"));
  EXPECT_TRUE(has_session("edge")) << "before, not at";
  EXPECT_FALSE(has_session("idle"));
  EXPECT_FALSE(has_session("old"));
  EXPECT_EQ(*store().remove_expired_sessions(900, 500), 0u);
}

// [SECTION] API tokens

TEST_P(IdentityContract, TokensAreFoundByIdAndHashAndListedById) {
  ApiToken limited = sample_token("t_2", "u_a", "hash-2");
  limited.connector_ids = std::vector<std::string>{"c_1", "c_2"};
  limited.expires_at = 5000;
  limited.last_used_at = 1500;
  limited.role = Role::Viewer;
  ApiToken everything = sample_token("t_1", std::string(kAdminTokenOwner), "hash-1");
  everything.connector_ids = std::vector<std::string>{};
  ASSERT_TRUE(store().create_token(limited).ok());
  ASSERT_TRUE(store().create_token(everything).ok());
  ASSERT_TRUE(store().create_token(sample_token("t_3", "u_b", "hash-3")).ok());

  auto read = store().token("t_2");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "token t_2");
  EXPECT_EQ(read->owner_id, "u_a");
  EXPECT_EQ(read->role, Role::Viewer);
  EXPECT_EQ(read->connector_ids, limited.connector_ids);
  EXPECT_EQ(read->expires_at, 5000);
  EXPECT_EQ(read->created_at, 1000);
  EXPECT_EQ(read->last_used_at, 1500);
  EXPECT_EQ(read->hash_hex, "hash-2");
  auto plain = store().token_by_hash("hash-3");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->id, "t_3");
  EXPECT_EQ(plain->role, Role::Editor);
  EXPECT_FALSE(plain->connector_ids) << "none: every connector";
  EXPECT_FALSE(plain->expires_at);
  EXPECT_FALSE(plain->last_used_at);
  auto none_allowed = store().token("t_1");
  ASSERT_TRUE(none_allowed.ok());
  ASSERT_TRUE(none_allowed->connector_ids) << "an empty list is not no list";
  EXPECT_TRUE(none_allowed->connector_ids->empty());
  EXPECT_EQ(none_allowed->owner_id, kAdminTokenOwner);

  EXPECT_EQ(token_ids(), (std::vector<std::string>{"t_1", "t_2", "t_3"}));
  EXPECT_EQ(store().token("t_9").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().token_by_hash("hash-9").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().token_by_hash("").problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, RemovingATokenEndsTheSessionsOpenedWithIt) {
  ASSERT_TRUE(store().create_token(sample_token("t_1", "u_a", "hash-1")).ok());
  ASSERT_TRUE(store().create_token(sample_token("t_2", "u_a", "hash-2")).ok());
  ASSERT_TRUE(store().put_session("with-1", sample_session("u_a", 100, "t_1")).ok());
  ASSERT_TRUE(store().put_session("with-2", sample_session("u_a", 100, "t_2")).ok());
  ASSERT_TRUE(store().put_session("own", sample_session("u_a", 100)).ok());
  ASSERT_TRUE(store().remove_token("t_1").ok());
  EXPECT_EQ(store().token("t_1").problem().type, ProblemType::NotFound);
  EXPECT_EQ(store().token_by_hash("hash-1").problem().type, ProblemType::NotFound);
  EXPECT_FALSE(has_session("with-1"));
  EXPECT_TRUE(has_session("with-2"));
  EXPECT_TRUE(has_session("own"));
  EXPECT_EQ(store().remove_token("t_1").problem().type, ProblemType::NotFound);
}

TEST_P(IdentityContract, TouchingTokensKeepsTheLaterUseAndSkipsTheGone) {
  ASSERT_TRUE(store().create_token(sample_token("t_1", "u_a", "hash-1")).ok());
  ApiToken used = sample_token("t_2", "u_a", "hash-2");
  used.last_used_at = 2000;
  ASSERT_TRUE(store().create_token(used).ok());
  ASSERT_TRUE(store().touch_tokens(Uses{{"t_2", 1500}, {"t_gone", 3000}, {"t_1", 1200}}).ok());
  EXPECT_EQ(store().token("t_1")->last_used_at, 1200) << "a first use";
  EXPECT_EQ(store().token("t_2")->last_used_at, 2000) << "an earlier use changes nothing";
  EXPECT_EQ(store().token("t_gone").problem().type, ProblemType::NotFound);
  ASSERT_TRUE(store().touch_tokens(Uses{{"t_2", 2500}}).ok());
  EXPECT_EQ(store().token("t_2")->last_used_at, 2500);
  ASSERT_TRUE(store().touch_tokens({}).ok());
}

// [SECTION] Durability

TEST_P(IdentityContract, EverythingIsThereAfterAReopen) {
  add(sample_user("u_a", "ann", Role::Admin));
  ASSERT_TRUE(store().create_token(sample_token("t_1", "u_a", "hash-1")).ok());
  ASSERT_TRUE(store().put_session("s", sample_session("u_a", 100)).ok());
  ASSERT_TRUE(store().put_setup_code({"h-code", 200}).ok());
  reopen();
  EXPECT_EQ(store().user_by_name("ANN")->user.id, "u_a");
  EXPECT_EQ(store().token_by_hash("hash-1")->id, "t_1");
  EXPECT_EQ(store().session("s")->csrf_token, "csrf-u_a-100");
  EXPECT_EQ(store().check_setup_code("h-code", 100).problem().type, ProblemType::SetupDone);
}

INSTANTIATE_FOR_EVERY_IDENTITY_STORE(IdentityContract);

}  // namespace
}  // namespace datahub::backend::testing
