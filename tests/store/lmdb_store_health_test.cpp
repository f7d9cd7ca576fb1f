// Health beside the record, on every store (store_contract.h): stored and read back, kept across a
// reopen, a rename and an edit, filtered and sorted by in lists, gone with its connector, and never
// a new version.
#include <gtest/gtest.h>

#include "name_index.h"
#include "store_contract.h"

namespace datahub::backend::testing {
namespace {

ConnectorHealth failing(const std::string& why) {
  ConnectorHealth h;
  h.state = HealthState::Failing;
  h.last_failure_at = h.failing_since = "2026-12-06T08:00:00Z";
  h.last_failure = why;
  return h;
}

ConnectorHealth ok() {
  ConnectorHealth h;
  h.state = HealthState::Ok;
  h.last_test_at = "2026-12-06T08:10:00Z";
  h.last_test_ok = true;
  return h;
}

class StoreHealthTest : public StoreContractTest {
 protected:
  std::string add(const std::string& name) {
    auto created = m_store->create(sample_connector(name), entry("created", 1));
    EXPECT_TRUE(created.ok()) << name;
    return created ? created->id : std::string();
  }

  std::vector<std::string> names(ListQuery query) {
    query.limit = 500;
    auto page = m_store->list(query);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> out;
    if (page)
      for (const Connector& c : page->items) out.push_back(c.name);
    return out;
  }

  std::vector<std::string> with_health(HealthState state) {
    ListQuery query;
    query.health = state;
    return names(query);
  }
};
INSTANTIATE_FOR_EVERY_STORE(StoreHealthTest);

TEST_P(StoreHealthTest, UnknownUntilStoredThenReadBackAfterAReopen) {
  const std::string id = add("erp");
  EXPECT_EQ(*m_store->health(id), ConnectorHealth{});
  EXPECT_EQ(*m_store->health("c_nosuchconnector"), ConnectorHealth{});
  ASSERT_TRUE(m_store->put_health(id, failing("upstream-timeout")).ok());
  EXPECT_EQ(*m_store->health(id), failing("upstream-timeout"));
  ASSERT_NO_FATAL_FAILURE(reopen());
  EXPECT_EQ(*m_store->health(id), failing("upstream-timeout"));
  EXPECT_EQ(with_health(HealthState::Failing), std::vector<std::string>{"erp"});
}

TEST_P(StoreHealthTest, HealthIsNotAChangeOfTheConnector) {
  const std::string id = add("erp");
  const Connector before = *m_store->get(id);
  ASSERT_TRUE(m_store->put_health(id, failing("token-error")).ok());
  EXPECT_EQ(*m_store->get(id), before) << "same version, same record";
  EXPECT_EQ(m_store->history(id)->size(), 1u) << "no history entry";
}

TEST_P(StoreHealthTest, ANameIndexFilterFollowsTheStateThroughRenamesAndEdits) {
  const std::string erp = add("erp");
  add("pim");
  add("crm");
  ASSERT_TRUE(m_store->put_health(erp, failing("http-503")).ok());
  EXPECT_EQ(with_health(HealthState::Failing), std::vector<std::string>{"erp"});
  EXPECT_EQ(with_health(HealthState::Unknown), (std::vector<std::string>{"crm", "pim"}));
  ASSERT_TRUE(m_store
                  ->update(erp,
                           [](const Connector& current) -> Result<Change> {
                             Connector next = current;
                             next.name = "ERP renamed";
                             next.base_url = "https://other.example.com";
                             next.version += 1;
                             return Change{next, entry("updated", next.version)};
                           })
                  .ok());
  EXPECT_EQ(with_health(HealthState::Failing), std::vector<std::string>{"ERP renamed"});
  ASSERT_TRUE(m_store->put_health(erp, ok()).ok());
  EXPECT_TRUE(with_health(HealthState::Failing).empty());
  EXPECT_EQ(with_health(HealthState::Ok), std::vector<std::string>{"ERP renamed"});
}

TEST_P(StoreHealthTest, SortedWorstFirstTiesByName) {
  const std::string a = add("a"), b = add("b"), c = add("c");
  add("d");
  ASSERT_TRUE(m_store->put_health(c, failing("upstream-error")).ok());
  ASSERT_TRUE(m_store->put_health(a, ok()).ok());
  ASSERT_TRUE(m_store->put_health(b, failing("upstream-error")).ok());
  ListQuery query;
  query.sort = "health";
  EXPECT_EQ(names(query), (std::vector<std::string>{"b", "c", "d", "a"}));
  query.sort = "-health";
  EXPECT_EQ(names(query), (std::vector<std::string>{"a", "d", "b", "c"}));
  query.sort = "health";
  query.limit = 1;
  auto first = m_store->list(query);
  ASSERT_TRUE(first && first->next_cursor);
  query.cursor = *first->next_cursor;
  query.limit = 2;
  auto second = m_store->list(query);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->items[0].name, "c");
  EXPECT_EQ(second->items[1].name, "d");
  EXPECT_EQ(second->total, 4u);
}

TEST_P(StoreHealthTest, GoneWithItsConnector) {
  const std::string id = add("erp");
  ASSERT_TRUE(m_store->put_health(id, failing("token-error")).ok());
  ASSERT_TRUE(m_store->remove(id, nullptr, entry("deleted", 0)).ok());
  EXPECT_EQ(*m_store->health(id), ConnectorHealth{});
  auto late = m_store->put_health(id, ok());
  ASSERT_FALSE(late);
  EXPECT_EQ(late.problem().type, ProblemType::NotFound);
  EXPECT_TRUE(with_health(HealthState::Ok).empty());
}

TEST(NameSummary, OneWrittenBeforeHealthExistedReadsAsUnknown) {
  Connector c;
  c.id = "c_abc";
  c.updated_at = "2026-01-01T00:00:00Z";
  c.base_url = "https://ERP.example.com";
  c.status = ConnectorStatus::Active;
  const std::string old_format =
      std::string("ac_abc") + '\0' + c.updated_at + '\0' + "https://erp.example.com";
  auto old_summary = decode_name_summary(old_format);
  ASSERT_TRUE(old_summary);
  EXPECT_EQ(old_summary->health, HealthState::Unknown);
  EXPECT_EQ(old_summary->base_url_lower, "https://erp.example.com");
  const std::string encoded = encode_name_summary(c, HealthState::Failing);  // views into it
  auto now = decode_name_summary(encoded);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->health, HealthState::Failing);
  EXPECT_EQ(now->base_url_lower, "https://erp.example.com");
  EXPECT_EQ(now->id, "c_abc");
  EXPECT_FALSE(decode_name_summary(old_format + '\0' + "x")) << "an unknown state";
  EXPECT_FALSE(decode_name_summary(old_format + '\0')) << "cut short";
}

}  // namespace
}  // namespace datahub::backend::testing
