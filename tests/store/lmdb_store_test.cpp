// Create, read, update, delete and history through every store (store_contract.h), as the
// connector service uses them.
#include <gtest/gtest.h>

#include <set>

#include "store_contract.h"

namespace datahub::backend::testing {
namespace {

class StoreTest : public StoreContractTest {
 protected:
  Connector create(const std::string& name) {
    auto created = m_store->create(sample_connector(name), entry("created", 1));
    EXPECT_TRUE(created.ok()) << (created ? "" : created.problem().detail);
    return created ? *created : Connector{};
  }

  // A mutation that renames and bumps the version, as an edit through PUT would.
  static Mutation rename_to(std::string name) {
    return [name](const Connector& current) -> Result<Change> {
      Change change{current, entry("updated", current.version + 1)};
      change.next.name = name;
      change.next.version = current.version + 1;
      return change;
    };
  }
};
INSTANTIATE_FOR_EVERY_STORE(StoreTest);

TEST_P(StoreTest, CreateThenGetReturnsTheRecordWithPlaintextSecrets) {
  Connector created = create("ERP production");
  auto got = m_store->get(created.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, created);
  EXPECT_EQ(got->name, "ERP production");
  EXPECT_EQ(got->auth.oauth2.client_secret.value, std::optional<std::string>(kSentinelSecret));
  EXPECT_TRUE(got->auth.oauth2.client_secret.is_set);
  EXPECT_EQ(got->auth.oauth2.password.value, std::optional<std::string>("pw-ERP production"));
  ASSERT_EQ(got->headers.size(), 2u);
  EXPECT_EQ(got->headers[0].value.value, std::optional<std::string>(kSentinelHeader));
  EXPECT_EQ(got->headers[1].value.value, std::optional<std::string>("application/json"));
  EXPECT_EQ(got->auth.oauth2.extra_params.at("tenant"), "acme");
  EXPECT_EQ(m_store->count(), 1u);
}

TEST_P(StoreTest, UnsetSecretsComeBackUnset) {
  Connector c = sample_connector("No secrets");
  c.auth.oauth2.client_secret = WriteOnly{};
  c.auth.oauth2.password = WriteOnly{std::string(), true};  // "" clears
  auto created = m_store->create(c, entry("created", 1));
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->auth.oauth2.client_secret.is_set);
  EXPECT_FALSE(created->auth.oauth2.client_secret.value.has_value());
  EXPECT_FALSE(created->auth.oauth2.password.is_set);
}

TEST_P(StoreTest, GetOfUnknownIdIsNotFound) {
  auto got = m_store->get("c_nope");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.problem().type, ProblemType::NotFound);
}

// Ids come from URL paths: a 600-byte or NUL-carrying one is just not there (not a 500).
TEST_P(StoreTest, OddIdsAreNotFound) {
  create("Existing");
  for (const std::string& id : {std::string(600, 'c'), std::string("c_\0x", 4), std::string()}) {
    EXPECT_EQ(m_store->get(id).problem().type, ProblemType::NotFound);
    EXPECT_EQ(m_store->update(id, rename_to("x")).problem().type, ProblemType::NotFound);
    EXPECT_EQ(m_store->remove(id, nullptr, entry("deleted", 2)).problem().type,
              ProblemType::NotFound);
    EXPECT_EQ(m_store->append_history(id, entry("tested", 1)).problem().type,
              ProblemType::NotFound);
    EXPECT_TRUE(m_store->history(id)->empty());
  }
  EXPECT_EQ(m_store->count(), 1u);
}

TEST_P(StoreTest, DuplicateNameIsTakenIgnoringCaseAndSpaces) {
  create("ERP production");
  auto dup = m_store->create(sample_connector("erp PRODUCTION"), entry("created", 1));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.problem().type, ProblemType::NameTaken);
  EXPECT_EQ(dup.problem().status, 409);
  ASSERT_EQ(dup.problem().errors.size(), 1u);
  EXPECT_EQ(dup.problem().errors[0].field, "name");
  EXPECT_EQ(m_store->count(), 1u);
}

TEST_P(StoreTest, UpdateWritesTheMutationAndHistory) {
  Connector c = create("Old name");
  auto updated = m_store->update(c.id, rename_to("New name"));
  ASSERT_TRUE(updated.ok()) << updated.problem().detail;
  EXPECT_EQ(updated->name, "New name");
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(m_store->get(c.id)->name, "New name");
  // The old name is free again, the new one is taken.
  EXPECT_TRUE(m_store->create(sample_connector("old NAME"), entry("created", 1)).ok());
  EXPECT_FALSE(m_store->create(sample_connector("new name"), entry("created", 1)).ok());
  auto history = *m_store->history(c.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "updated");  // newest first
  EXPECT_EQ(history[0].version, 2);
  EXPECT_EQ(history[1].action, "created");
}

TEST_P(StoreTest, RenamingOntoAnothersNameIsTaken) {
  create("Alpha");
  Connector beta = create("Beta");
  auto renamed = m_store->update(beta.id, rename_to("ALPHA"));
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.problem().type, ProblemType::NameTaken);
  EXPECT_EQ(m_store->get(beta.id)->name, "Beta");
  EXPECT_EQ(m_store->history(beta.id)->size(), 1u);
}

TEST_P(StoreTest, RenamingYourselfWithADifferentCaseWorks) {
  Connector c = create("Alpha");
  auto renamed = m_store->update(c.id, rename_to("ALPHA"));
  ASSERT_TRUE(renamed.ok()) << renamed.problem().detail;
  EXPECT_EQ(m_store->get(c.id)->name, "ALPHA");
  auto page = m_store->list(ListQuery{});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].name, "ALPHA");
}

TEST_P(StoreTest, MutationProblemLeavesEverythingUnchanged) {
  Connector c = create("Steady");
  auto refused = m_store->update(c.id, [](const Connector&) -> Result<Change> {
    return make_problem(ProblemType::PreconditionFailed, "stale");
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().type, ProblemType::PreconditionFailed);
  EXPECT_EQ(*m_store->get(c.id), c);
  EXPECT_EQ(m_store->history(c.id)->size(), 1u);
}

TEST_P(StoreTest, SecretChangesThroughUpdateAreStored) {
  Connector c = create("Rotating");
  auto updated = m_store->update(c.id, [](const Connector& current) -> Result<Change> {
    Change change{current, entry("updated", 2)};
    change.next.auth.oauth2.client_secret.value = "rotated";
    change.next.headers[0].value = WriteOnly{};  // cleared
    change.next.version = 2;
    return change;
  });
  ASSERT_TRUE(updated.ok());
  auto got = m_store->get(c.id);
  EXPECT_EQ(got->auth.oauth2.client_secret.value, std::optional<std::string>("rotated"));
  EXPECT_FALSE(got->headers[0].value.is_set);
}

TEST_P(StoreTest, UpdateOfUnknownIdIsNotFoundAndDoesNotCallTheMutation) {
  bool called = false;
  auto result = m_store->update("c_missing", [&](const Connector& current) -> Result<Change> {
    called = true;
    return Change{current, entry("updated", 2)};
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.problem().type, ProblemType::NotFound);
  EXPECT_FALSE(called);
}

TEST_P(StoreTest, RemoveDeletesRecordAndNameButKeepsHistory) {
  Connector c = create("Doomed");
  auto removed = m_store->remove(c.id, nullptr, entry("deleted", 2));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->id, c.id);
  EXPECT_EQ(m_store->get(c.id).problem().type, ProblemType::NotFound);
  EXPECT_EQ(m_store->count(), 0u);
  EXPECT_TRUE(m_store->create(sample_connector("doomed"), entry("created", 1)).ok());
  auto history = *m_store->history(c.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "deleted");
}

TEST_P(StoreTest, RefusedRemoveLeavesTheRecord) {
  Connector c = create("Kept");
  auto refused = m_store->remove(
      c.id, [](const Connector&) { return make_problem(ProblemType::PreconditionFailed, "stale"); },
      entry("deleted", 2));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().type, ProblemType::PreconditionFailed);
  EXPECT_TRUE(m_store->get(c.id).ok());
  EXPECT_EQ(m_store->history(c.id)->size(), 1u);
}

TEST_P(StoreTest, AppendHistoryKeepsOrderAndNeedsTheRecord) {
  Connector c = create("Tested");
  Connector other = create("Other");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(m_store->append_history(c.id, entry("tested", 1)).ok());
  HistoryEntry with_changes = entry("updated", 2);
  with_changes.changes = nlohmann::json::array({{{"field", "name"}, {"from", "a"}, {"to", "b"}}});
  ASSERT_TRUE(m_store->append_history(c.id, with_changes).ok());
  auto history = *m_store->history(c.id);
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[0].action, "updated");
  EXPECT_EQ(history[0].changes, with_changes.changes);
  EXPECT_EQ(history[4].action, "created");
  EXPECT_EQ(m_store->history(other.id)->size(), 1u);  // ids never mix
  EXPECT_TRUE(m_store->history("c_unknown")->empty());
  EXPECT_EQ(m_store->append_history("c_unknown", entry("tested", 1)).problem().type,
            ProblemType::NotFound);
}

TEST_P(StoreTest, MetaRoundTripsAndProtectsTheStoresOwnKeys) {
  EXPECT_FALSE(meta().get_meta("admin_token_hash").has_value());
  ASSERT_TRUE(meta().put_meta("admin_token_hash", "abc").ok());
  EXPECT_EQ(meta().get_meta("admin_token_hash"), std::optional<std::string>("abc"));
  ASSERT_TRUE(meta().put_meta("admin_token_hash", "def").ok());
  EXPECT_EQ(meta().get_meta("admin_token_hash"), std::optional<std::string>("def"));
  EXPECT_EQ(meta().put_meta("schema_version", "3").problem().type, ProblemType::BadRequest);
  EXPECT_EQ(meta().put_meta("key_check", "x").problem().type, ProblemType::BadRequest);
  EXPECT_EQ(meta().put_meta("", "x").problem().type, ProblemType::BadRequest);
}

TEST(LmdbStoreMeta, KeepsItsSchemaVersionAndActiveCountToItself) {
  TempDir dir;
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ(store->get_meta("schema_version"), std::optional<std::string>("2"));
  EXPECT_EQ(store->put_meta("active_count", "7").problem().type, ProblemType::BadRequest);
}

TEST(ConnectorId, IsPrefixedUrlSafeAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = new_connector_id();
    ASSERT_EQ(id.size(), 22u);
    EXPECT_EQ(id.rfind("c_", 0), 0u);
    EXPECT_EQ(
        id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace datahub::backend::testing
