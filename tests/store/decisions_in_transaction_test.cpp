// What a change decides from the current record (is it already active? which version is being
// deleted?) is decided inside the store's write transaction, so concurrent callers cannot act
// on the same stale read. On every store (store_contract.h).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "connector_id.h"
#include "connector_service.h"
#include "store_contract.h"

namespace datahub::backend::testing {
namespace {

nlohmann::json new_connector_body() {
  return {{"type", "api"},
          {"name", "Race"},
          {"base_url", "https://erp.example.com/api"},
          {"auth", {{"method", "none"}}}};
}

std::size_t count_actions(const std::vector<HistoryEntry>& entries, const std::string& action) {
  std::size_t n = 0;
  for (const auto& e : entries) n += e.action == action ? 1 : 0;
  return n;
}

// Many threads released at once ask for the same status: exactly one of them writes.
void race_to(ConnectorService& service, const std::string& id, ConnectorStatus status) {
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      EXPECT_TRUE(service.set_status(id, status, std::nullopt).ok());
    });
  }
  go = true;
  for (auto& t : threads) t.join();
}

class DecisionsInTransaction : public StoreContractTest {};
INSTANTIATE_FOR_EVERY_STORE(DecisionsInTransaction);

TEST_P(DecisionsInTransaction, ConcurrentActivatesMakeOneNewVersionEachRound) {
  ConnectorStore* store = m_store.get();
  ConnectorService service(*store, new_connector_id);
  auto created = service.create(new_connector_body());
  ASSERT_TRUE(created.ok());
  constexpr int kRounds = 10;
  for (int round = 0; round < kRounds; ++round) {
    race_to(service, created->id, ConnectorStatus::Active);
    race_to(service, created->id, ConnectorStatus::Disabled);
  }
  auto history = store->history(created->id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(count_actions(*history, "activated"), std::size_t{kRounds});
  EXPECT_EQ(count_actions(*history, "disabled"), std::size_t{kRounds});
  EXPECT_EQ(store->get(created->id)->version, 1 + 2 * kRounds);
}

TEST_P(DecisionsInTransaction, AnUnchangedMutationWritesNothing) {
  ConnectorStore* store = m_store.get();
  auto created = store->create(sample_connector("Same"), entry("created", 1));
  ASSERT_TRUE(created.ok());
  auto same = store->update(created->id, [](const Connector& current) -> Result<Change> {
    return Change{current, entry("updated", 99), true};
  });
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, created->version);
  EXPECT_EQ(store->history(created->id)->size(), 1u);
}

TEST_P(DecisionsInTransaction, TheDeletedEntryCarriesTheVersionDeletedNotAnEarlierRead) {
  ConnectorStore* store = m_store.get();
  ConnectorService service(*store, new_connector_id);
  auto created = service.create(new_connector_body());
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(service.set_status(created->id, ConnectorStatus::Active, std::nullopt).ok());
  ASSERT_TRUE(service.remove(created->id, std::nullopt).ok());
  auto history = store->history(created->id);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ(history->front().action, "deleted");
  EXPECT_EQ(history->front().version, 2);
}

}  // namespace
}  // namespace datahub::backend::testing
