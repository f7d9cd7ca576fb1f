// GET /api/connectors through every store (store_contract.h): order, paging, filters, totals
// and cursors.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "list_cursor.h"
#include "lmdb_env.h"
#include "status_count.h"
#include "store_contract.h"

namespace datahub::backend::testing {
namespace {

class StoreListTest : public StoreContractTest {
 protected:
  void add(const std::string& name, const std::string& url, ConnectorStatus status) {
    Connector c = sample_connector(name, url);
    c.status = status;
    ASSERT_TRUE(m_store->create(c, entry("created", 1)).ok()) << name;
  }

  // Every page of `query`, following next_cursor; the names in the order seen.
  std::vector<std::string> walk(ListQuery query, std::size_t& pages) {
    std::vector<std::string> names;
    pages = 0;
    for (;;) {
      auto page = m_store->list(query);
      EXPECT_TRUE(page.ok());
      if (!page) break;
      ++pages;
      for (const Connector& c : page->items) names.push_back(c.name);
      if (!page->next_cursor) break;
      query.cursor = *page->next_cursor;
    }
    return names;
  }
};
INSTANTIATE_FOR_EVERY_STORE(StoreListTest);

TEST_P(StoreListTest, EmptyStoreGivesAnEmptyLastPage) {
  auto page = m_store->list(ListQuery{});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  EXPECT_FALSE(page->next_cursor.has_value());
  EXPECT_EQ(page->total, 0u);
}

TEST_P(StoreListTest, OrderedByNameIgnoringCase) {
  add("beta", "https://b.example.com", ConnectorStatus::Active);
  add("Alpha", "https://a.example.com", ConnectorStatus::Active);
  add("GAMMA", "https://g.example.com", ConnectorStatus::Active);
  add("alphabet", "https://ab.example.com", ConnectorStatus::Active);
  auto page = m_store->list(ListQuery{});
  ASSERT_TRUE(page.ok());
  std::vector<std::string> names;
  for (const Connector& c : page->items) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Alpha", "alphabet", "beta", "GAMMA"}));
  EXPECT_EQ(page->total, 4u);
  EXPECT_EQ(page->items[0].auth.oauth2.client_secret.value,
            std::optional<std::string>(kSentinelSecret));
}

TEST_P(StoreListTest, PagingWalksEveryRecordExactlyOnceInOrder) {
  std::vector<std::string> expected;
  for (int i = 0; i < 237; ++i) {
    std::string name = (i % 2 ? "Conn " : "conn ") + std::to_string(1000 + (i * 7919) % 1000);
    add(name, "https://x.example.com", ConnectorStatus::Disabled);
    expected.push_back(fold_name(name));
  }
  std::sort(expected.begin(), expected.end());
  ListQuery query;
  query.limit = 20;
  std::size_t pages = 0;
  std::vector<std::string> seen = walk(query, pages);
  EXPECT_EQ(pages, 12u);
  ASSERT_EQ(seen.size(), expected.size());
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(fold_name(seen[i]), expected[i]);
  auto first = m_store->list(query);
  EXPECT_EQ(first->total, 237u);
}

TEST_P(StoreListTest, ExactFinalPageHasNoNextCursor) {
  for (int i = 0; i < 10; ++i)
    add("n" + std::to_string(i), "https://x.io", ConnectorStatus::Active);
  ListQuery query;
  query.limit = 10;
  auto page = m_store->list(query);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 10u);
  EXPECT_FALSE(page->next_cursor.has_value());
}

TEST_P(StoreListTest, CursorSurvivesDeletionOfTheLastSeenRecord) {
  for (int i = 0; i < 6; ++i) add("n" + std::to_string(i), "https://x.io", ConnectorStatus::Active);
  ListQuery query;
  query.limit = 3;
  auto first = m_store->list(query);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(m_store->remove(first->items.back().id, nullptr, entry("deleted", 2)).ok());
  query.cursor = *first->next_cursor;
  auto second = m_store->list(query);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 3u);
  EXPECT_EQ(second->items[0].name, "n3");
}

TEST_P(StoreListTest, QueryMatchesNameOrBaseUrlIgnoringCase) {
  add("ERP production", "https://erp.example.com", ConnectorStatus::Active);
  add("PIM", "https://pim.EXAMPLE.org/v1", ConnectorStatus::Active);
  add("Shop", "https://shop.example.net", ConnectorStatus::Disabled);
  ListQuery query;
  query.q = "Example.ORG";
  auto by_url = m_store->list(query);
  ASSERT_TRUE(by_url.ok());
  ASSERT_EQ(by_url->items.size(), 1u);
  EXPECT_EQ(by_url->items[0].name, "PIM");
  EXPECT_EQ(by_url->total, 1u);
  query.q = "erp PROD";
  auto by_name = m_store->list(query);
  ASSERT_EQ(by_name->items.size(), 1u);
  EXPECT_EQ(by_name->items[0].name, "ERP production");
  query.q = "nothing-like-this";
  EXPECT_EQ(m_store->list(query)->total, 0u);
  // A NUL is part of what is searched for: PostgreSQL's text parameter once ended there, so
  // "erp\0zzz" found "ERP production" and "\0" every connector.
  for (const std::string& with_nul : {std::string("erp\0zzz", 7), std::string(1, '\0')}) {
    query.q = with_nul;
    auto found = m_store->list(query);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->total, 0u) << "q of " << with_nul.size() << " bytes with a NUL";
  }
}

// An API token limited to some connectors lists only those (ListQuery::only_ids).
TEST_P(StoreListTest, OnlyIdsKeepsTheListedConnectorsOnEveryPage) {
  for (const char* name : {"Alpha", "Beta", "Gamma", "Delta"})
    add(name, "https://x.example.com", ConnectorStatus::Active);
  std::vector<std::string> ids = {"c_not_there"};
  auto all = m_store->list(ListQuery{});
  ASSERT_TRUE(all.ok());
  for (const Connector& c : all->items)
    if (c.name == "Beta" || c.name == "Delta") ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  ListQuery query;
  query.only_ids = ids;
  query.limit = 1;
  auto first = m_store->list(query);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, 2u);
  std::size_t pages = 0;
  EXPECT_EQ(walk(query, pages), (std::vector<std::string>{"Beta", "Delta"}));
  EXPECT_EQ(pages, 2u);
  query.q = "delta";
  EXPECT_EQ(m_store->list(query)->total, 1u);
  query.q = "gamma";
  EXPECT_EQ(m_store->list(query)->total, 0u);
}

TEST_P(StoreListTest, QueryFollowsBaseUrlChanges) {
  add("Moving", "https://old-host.example.com", ConnectorStatus::Active);
  std::string id = m_store->list(ListQuery{})->items[0].id;
  ASSERT_TRUE(m_store
                  ->update(id,
                           [](const Connector& current) -> Result<Change> {
                             Change change{current, entry("updated", 2)};
                             change.next.base_url = "https://NEW-host.example.com";
                             return change;
                           })
                  .ok());
  ListQuery query;
  query.q = "old-host";
  EXPECT_EQ(m_store->list(query)->total, 0u);
  query.q = "new-HOST";
  EXPECT_EQ(m_store->list(query)->total, 1u);
}

TEST_P(StoreListTest, StatusFilterFollowsStatusChanges) {
  add("a1", "https://x.io", ConnectorStatus::Active);
  add("d1", "https://x.io", ConnectorStatus::Disabled);
  add("d2", "https://x.io", ConnectorStatus::Disabled);
  ListQuery query;
  query.status = ConnectorStatus::Disabled;
  EXPECT_EQ(m_store->list(query)->total, 2u);
  std::string id = m_store->list(query)->items[0].id;
  ASSERT_TRUE(m_store
                  ->update(id,
                           [](const Connector& current) -> Result<Change> {
                             Change change{current, entry("activated", 2)};
                             change.next.status = ConnectorStatus::Active;
                             return change;
                           })
                  .ok());
  EXPECT_EQ(m_store->list(query)->total, 1u);
  query.status = ConnectorStatus::Active;
  EXPECT_EQ(m_store->list(query)->total, 2u);
}

TEST_P(StoreListTest, FilteredPagingCountsAllMatchesOnEveryPage) {
  for (int i = 0; i < 50; ++i) {
    add("item " + std::to_string(100 + i), i % 3 ? "https://other.io" : "https://match.io",
        i % 2 ? ConnectorStatus::Active : ConnectorStatus::Disabled);
  }
  ListQuery query;
  query.q = "MATCH";
  query.status = ConnectorStatus::Disabled;  // i % 6 == 0: 9 of 50
  query.limit = 4;
  std::size_t pages = 0;
  std::vector<std::string> names = walk(query, pages);
  EXPECT_EQ(names.size(), 9u);
  EXPECT_EQ(pages, 3u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 9u);
  auto first = m_store->list(query);
  query.cursor = *first->next_cursor;
  EXPECT_EQ(m_store->list(query)->total, 9u);
}

// The active count behind status-filtered totals, checked against the truth after creates,
// status changes, renames and deletes in a random order; every status page walk agrees too.
TEST_P(StoreListTest, StatusTotalsStayExactThroughEveryKindOfChange) {
  std::mt19937 random(20261130);
  std::map<std::string, std::pair<std::string, ConnectorStatus>> truth;  // id -> name, status
  auto pick = [&]() {
    auto it = truth.begin();
    std::advance(it, static_cast<long>(random() % truth.size()));
    return it->first;
  };
  auto set = [&](const std::string& id, auto change) {
    auto updated = m_store->update(id, [&](const Connector& current) -> Result<Change> {
      Change c{current, entry("updated", current.version + 1)};
      change(c.next);
      return c;
    });
    ASSERT_TRUE(updated.ok());
    truth[id] = {updated->name, updated->status};
  };
  for (int step = 0; step < 300; ++step) {
    const unsigned what = truth.size() < 5 ? 0 : random() % 4;
    if (what == 0) {
      Connector c = sample_connector("n" + std::to_string(step));
      c.status = random() % 2 ? ConnectorStatus::Active : ConnectorStatus::Disabled;
      ASSERT_TRUE(m_store->create(c, entry("created", 1)).ok());
      truth[c.id] = {c.name, c.status};
    } else if (what == 1) {
      set(pick(), [&](Connector& next) {
        next.status = random() % 2 ? ConnectorStatus::Active : ConnectorStatus::Disabled;
      });
    } else if (what == 2) {
      set(pick(), [&](Connector& next) { next.name = "r" + std::to_string(step); });
    } else {
      const std::string id = pick();
      ASSERT_TRUE(m_store->remove(id, nullptr, entry("deleted", 0)).ok());
      truth.erase(id);
    }
    for (ConnectorStatus status : {ConnectorStatus::Active, ConnectorStatus::Disabled}) {
      std::set<std::string> expected;
      for (const auto& [id, row] : truth)
        if (row.second == status) expected.insert(fold_name(row.first));
      ListQuery query;
      query.status = status;
      query.limit = 7;
      ASSERT_EQ(m_store->list(query)->total, expected.size()) << "step " << step;
      if (step % 25 != 0) continue;
      std::size_t pages = 0;
      std::vector<std::string> names = walk(query, pages);
      for (auto& name : names) name = fold_name(name);
      EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected) << "step " << step;
      EXPECT_EQ(names.size(), expected.size());
    }
  }
}

// Schema version 1 (an older server's) keeps no count: it is made when the store opens, once.
TEST(LmdbStoreList, AVersion1StoreGetsItsActiveCountWhenOpened) {
  TempDir dir;
  auto store = open_store(dir.path());
  for (auto [name, status] :
       {std::pair{"a1", ConnectorStatus::Active}, std::pair{"a2", ConnectorStatus::Active},
        std::pair{"d1", ConnectorStatus::Disabled}}) {
    Connector c = sample_connector(name, "https://x.io");
    c.status = status;
    ASSERT_TRUE(store->create(c, entry("created", 1)).ok()) << name;
  }
  store.reset();
  ASSERT_NO_FATAL_FAILURE(edit_raw_meta(dir.path(), [](Txn& txn, MDB_dbi meta) {
    txn.put(meta, "schema_version", "1");
    txn.del(meta, kActiveCountKey);
  }));
  store = open_store(dir.path());
  ListQuery query;
  query.status = ConnectorStatus::Active;
  EXPECT_EQ(store->list(query)->total, 2u);
  query.status = ConnectorStatus::Disabled;
  EXPECT_EQ(store->list(query)->total, 1u);
  EXPECT_EQ(store->get_meta("schema_version"), std::optional<std::string>("2"));
}

TEST_P(StoreListTest, ForeignCursorIsABadRequest) {
  add("a", "https://x.io", ConnectorStatus::Active);
  std::vector<std::string> foreign{"not base64!", "YWJj", "%%%", encode_list_cursor({}) + "=="};
  for (const std::string& cursor : foreign) {
    ListQuery query;
    query.cursor = cursor;
    auto page = m_store->list(query);
    ASSERT_FALSE(page.ok()) << cursor;
    EXPECT_EQ(page.problem().type, ProblemType::BadRequest);
    ASSERT_EQ(page.problem().errors.size(), 1u);
    EXPECT_EQ(page.problem().errors[0].field, "cursor");
  }
}

TEST_P(StoreListTest, LimitOutOfRangeIsABadRequest) {
  for (std::size_t limit : {std::size_t{0}, std::size_t{501}}) {
    ListQuery query;
    query.limit = limit;
    auto page = m_store->list(query);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.problem().errors.at(0).field, "limit");
  }
}

TEST_P(StoreListTest, SortedOrdersWalkEveryMatchOnceWithTiesByName) {
  // 30 connectors over three base URLs and both statuses: many ties to break by name.
  for (int i = 0; i < 30; ++i) {
    add("conn " + std::to_string(100 + i), "https://h" + std::to_string(i % 3) + ".example.com",
        i % 2 ? ConnectorStatus::Active : ConnectorStatus::Disabled);
  }
  for (const char* sort : {"-name", "base_url", "-base_url", "status", "-status", "-updated_at"}) {
    ListQuery query;
    query.sort = sort;
    query.limit = 7;
    std::size_t pages = 0;
    const auto names = walk(query, pages);
    EXPECT_EQ(names.size(), 30u) << sort;
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 30u) << sort;
    EXPECT_EQ(pages, 5u) << sort;
  }
  ListQuery by_url;
  by_url.sort = "-base_url";
  by_url.q = "conn 10";  // conn 100..109
  std::size_t pages = 0;
  const auto names = walk(by_url, pages);
  ASSERT_EQ(names.size(), 10u);
  EXPECT_EQ(names.front(), "conn 102");  // h2, the first of its ties by name
  EXPECT_EQ(names.back(), "conn 109");   // h0, the last of its ties
}

TEST_P(StoreListTest, UnknownSortAndCursorsOfAnotherOrderAreBadRequests) {
  add("a", "https://a.example.com", ConnectorStatus::Active);
  add("b", "https://b.example.com", ConnectorStatus::Active);
  ListQuery query;
  query.sort = "colour";
  EXPECT_FALSE(m_store->list(query).ok());
  query.sort = "-name";
  query.limit = 1;
  auto page = m_store->list(query);
  ASSERT_TRUE(page.ok() && page->next_cursor);
  ListQuery other;
  other.cursor = *page->next_cursor;
  auto refused = m_store->list(other);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.problem().errors.at(0).field, "cursor");
}

}  // namespace
}  // namespace datahub::backend::testing
