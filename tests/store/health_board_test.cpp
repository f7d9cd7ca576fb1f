// The health board writes only news: a stream of working requests costs no write after the
// first, a failure after a failure waits for the flush, a test always lands, and what the board
// held is in the store after a flush or its destruction.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "health/health_board.h"
#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

using Kind = HealthEvent::Kind;
using namespace std::chrono_literals;

class HealthBoardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = open_store(m_dir.path());
    auto created = m_store->create(sample_connector("erp"), entry("created", 1));
    ASSERT_TRUE(created.ok());
    m_id = created->id;
  }

  // A clock one second further on every call: each event has its own time.
  HealthBoard::Clock ticking() {
    return [this] {
      return std::chrono::system_clock::time_point{} + 1h * 24 * 365 * 56 + ++m_ticks * 1s;
    };
  }

  TempDir m_dir;
  std::unique_ptr<LmdbConnectorStore> m_store;
  std::string m_id;
  std::atomic<int> m_ticks{0};
};

TEST_F(HealthBoardTest, WorkingRequestsCostOneWriteAtMost) {
  HealthBoard board(*m_store, ticking(), 0ms);
  for (int i = 0; i < 100; ++i) board.record(m_id, Kind::Request, std::nullopt);
  EXPECT_EQ(board.writes(), 1u) << "unknown -> ok, then nothing new";
  EXPECT_EQ(board.flush(), 0u);
  EXPECT_EQ(m_store->health(m_id)->state, HealthState::Ok);
}

TEST_F(HealthBoardTest, AFailureAfterAFailureWaitsForTheFlush) {
  HealthBoard board(*m_store, ticking(), 0ms);
  board.record(m_id, Kind::Request, "upstream-timeout");
  EXPECT_EQ(board.writes(), 1u) << "ok -> failing is news";
  const ConnectorHealth first = *m_store->health(m_id);
  EXPECT_EQ(first.state, HealthState::Failing);
  EXPECT_EQ(first.failing_since, first.last_failure_at);
  for (int i = 0; i < 50; ++i) board.record(m_id, Kind::Request, "http-503");
  EXPECT_EQ(board.writes(), 1u);
  EXPECT_EQ(*m_store->health(m_id), first) << "not written yet";
  EXPECT_EQ(board.flush(), 1u);
  const ConnectorHealth flushed = *m_store->health(m_id);
  EXPECT_EQ(flushed, board.get(m_id));
  EXPECT_EQ(flushed.last_failure, "http-503");
  EXPECT_EQ(flushed.failing_since, first.failing_since) << "still the same run of failures";
  EXPECT_GT(flushed.last_failure_at, first.last_failure_at);
  EXPECT_EQ(board.flush(), 0u) << "nothing left";
}

TEST_F(HealthBoardTest, ATestIsAlwaysWritten) {
  HealthBoard board(*m_store, ticking(), 1h);
  board.record(m_id, Kind::Test, std::nullopt);
  board.record(m_id, Kind::Test, std::nullopt);
  board.record(m_id, Kind::Test, "invalid_client");
  EXPECT_EQ(board.writes(), 3u);
  const ConnectorHealth stored = *m_store->health(m_id);
  EXPECT_EQ(stored.state, HealthState::Failing);
  EXPECT_EQ(stored.last_test_ok, false);
  EXPECT_EQ(stored.last_failure, "invalid_client");
  EXPECT_EQ(stored.last_test_at, stored.last_failure_at);
}

TEST_F(HealthBoardTest, AFlappingUpstreamIsWrittenAtMostOncePerGap) {
  HealthBoard board(*m_store, ticking(), 1h);
  for (int i = 0; i < 40; ++i) {
    board.record(m_id, Kind::Request, std::nullopt);
    board.record(m_id, Kind::Request, "upstream-error");
  }
  EXPECT_EQ(board.writes(), 1u);
  board.flush();
  EXPECT_EQ(*m_store->health(m_id), board.get(m_id));
  EXPECT_EQ(m_store->health(m_id)->state, HealthState::Failing);
}

TEST_F(HealthBoardTest, WhatTheBoardHeldIsStoredWhenItGoes) {
  {
    HealthBoard board(*m_store, ticking(), 0ms);
    board.record(m_id, Kind::Request, "upstream-error");
    board.record(m_id, Kind::Request, "token-error");  // held back
  }
  EXPECT_EQ(m_store->health(m_id)->last_failure, "token-error");
  HealthBoard next(*m_store, ticking(), 0ms);
  EXPECT_EQ(next.get(m_id).last_failure, "token-error") << "read from the store";
}

TEST_F(HealthBoardTest, TheFlusherWritesWithoutBeingAsked) {
  HealthBoard board(*m_store, ticking(), 0ms);
  board.start_flusher(10ms);
  board.record(m_id, Kind::Request, "upstream-error");
  board.record(m_id, Kind::Request, "token-error");
  for (int i = 0; i < 500 && m_store->health(m_id)->last_failure != "token-error"; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(m_store->health(m_id)->last_failure, "token-error");
}

TEST_F(HealthBoardTest, AFlushWritesEveryConnectorInOneTransaction) {
  HealthBoard board(*m_store, ticking(), 0ms);
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto created = m_store->create(sample_connector("c" + std::to_string(i)), entry("created", 1));
    ASSERT_TRUE(created.ok());
    ids.push_back(created->id);
    board.record(ids.back(), Kind::Request, "upstream-error");  // news: written at once
  }
  ASSERT_EQ(board.writes(), 20u);
  for (const auto& id : ids) board.record(id, Kind::Request, "http-503");  // held back
  ASSERT_TRUE(m_store->remove(ids[3], nullptr, entry("deleted", 0)).ok());
  EXPECT_EQ(board.flush(), 20u);
  EXPECT_EQ(board.writes(), 21u) << "one transaction for all of them";
  for (const auto& id : ids)
    EXPECT_EQ(*m_store->health(id), id == ids[3] ? ConnectorHealth{} : board.get(id));
  EXPECT_EQ(board.flush(), 0u) << "the deleted one is forgotten, not retried";
}

TEST_F(HealthBoardTest, ADeletedConnectorIsForgotten) {
  HealthBoard board(*m_store, ticking(), 0ms);
  board.record(m_id, Kind::Request, "upstream-error");
  ASSERT_TRUE(m_store->remove(m_id, nullptr, entry("deleted", 0)).ok());
  board.record(m_id, Kind::Request, std::nullopt);  // the store refuses: NotFound
  EXPECT_EQ(board.flush(), 0u);
  EXPECT_EQ(*m_store->health(m_id), ConnectorHealth{});
}

TEST_F(HealthBoardTest, ConcurrentEventsLeaveTheStoreAsTheBoard) {
  HealthBoard board(*m_store, ticking(), 0ms);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const bool fail = (i + t) % 3 == 0;
        board.record(m_id, i % 50 == 0 ? Kind::Test : Kind::Request,
                     fail ? std::optional<std::string>("upstream-error") : std::nullopt);
      }
    });
  }
  for (auto& t : threads) t.join();
  board.flush();
  EXPECT_EQ(*m_store->health(m_id), board.get(m_id));
  EXPECT_LT(board.writes(), 1600u);
}

}  // namespace
}  // namespace datahub::backend::testing
