// The history entry codec: entries the store wrote and the route answered read back, and
// read(write(x)) == x.
#include "datahub/history_entry.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

using nlohmann::json;

const json kStored = json::parse(R"js({"at":"2026-11-29T21:10:15Z","action":"updated",
  "version":3,"changes":[{"field":"name","from":"a","to":"b"},
  {"field":"timeout_ms","from":null,"to":30000},
  {"field":"auth.client_secret","from":"(changed)","to":"(changed)"}]})js");

TEST(HistoryEntryJson, WhatTheStoreWroteReadsBackAndWritesTheSameJson) {
  auto entry = history_entry_from_json(kStored);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->action, "updated");
  EXPECT_EQ(entry->version, 3);
  ASSERT_EQ(entry->changes.size(), 3u);
  EXPECT_EQ(to_json(*entry), kStored);
}

TEST(HistoryEntryJson, ReadOfWriteIsTheSameEntry) {
  const HistoryEntry entry{"2026-01-01T00:00:00Z", "tested", 7,
                           json::array({{{"field", "result"}, {"from", nullptr}, {"to", "ok"}}})};
  auto back = history_entry_from_json(to_json(entry));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, entry);
  const std::vector<HistoryEntry> entries = {entry, HistoryEntry{}};
  auto list = history_from_json(history_to_json(entries));
  ASSERT_TRUE(list);
  EXPECT_EQ(*list, entries);
  EXPECT_EQ(history_to_json(entries)["items"].size(), 2u);
}

TEST(HistoryEntryJson, AnActorRoundTripsAndAnEntryWithoutOneHasNoActorMember) {
  HistoryEntry entry{"2026-01-01T00:00:00Z", "updated", 2, json::array()};
  entry.actor = HistoryActor{"token", "t_1", "robot"};
  const json written = to_json(entry);
  EXPECT_EQ(written["actor"], (json{{"type", "token"}, {"id", "t_1"}, {"name", "robot"}}));
  auto back = history_entry_from_json(written);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, entry);
  auto old = history_entry_from_json(kStored);  // written before actors were recorded
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->actor);
  EXPECT_FALSE(to_json(*old).contains("actor"));
  auto bad = history_entry_from_json(json{{"actor", {{"type", "user"}, {"id", 5}}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.problem().errors.at(0).field, "actor");
}

TEST(HistoryEntryJson, MissingMembersKeepDefaultsWrongOnesRefuse) {
  auto sparse = history_entry_from_json(json::parse(R"({"action":"deleted"})"));
  ASSERT_TRUE(sparse);
  EXPECT_EQ(sparse->version, 0);
  EXPECT_TRUE(sparse->changes.is_array());
  EXPECT_FALSE(history_entry_from_json(json::parse(R"({"version":"3"})")));
  EXPECT_FALSE(history_entry_from_json(json::parse(R"({"changes":{}})")));
  auto no_field = history_entry_from_json(json::parse(R"({"changes":[{"from":1}]})"));
  ASSERT_FALSE(no_field);
  EXPECT_EQ(no_field.problem().errors.at(0).field, "changes[0].field");
  EXPECT_FALSE(history_from_json(json::parse(R"({"items":[{"at":5}]})")));
  EXPECT_FALSE(history_from_json(json::parse(R"({"entries":[]})")));
}

}  // namespace
}  // namespace datahub
