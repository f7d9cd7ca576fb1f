// The codecs of the store's databases on bytes they did not write (a damaged file): inputs
// found by the fuzz targets (tests/fuzz/corpus/history_codec, record_codec).
#include <gtest/gtest.h>

#include <string>

#include "store/history_codec.h"

namespace datahub::backend {
namespace {

TEST(HistoryCodec, MembersOfAnotherTypeMakeTheEntryUnreadableInsteadOfThrowing) {
  // fuzz_history_codec: json::value("action", "") threw type_error on an array.
  EXPECT_FALSE(decode_history_entry(
      R"({"at":"2024-05-01T10:00:00Z","action":[{"field":"name","from":null,"to":"CRM"}]})"));
  EXPECT_FALSE(decode_history_entry(R"({"at":1,"action":"created"})"));
  EXPECT_FALSE(decode_history_entry(R"({"action":"updated","version":"2"})"));
  EXPECT_FALSE(decode_history_entry(R"({"action":"updated","changes":{}})"));
}

TEST(HistoryCodec, NestingIsBoundedLikeAnyJsonFromOutside) {
  const std::string deep =
      R"({"action":"tested","changes":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_FALSE(decode_history_entry(deep));
}

TEST(HistoryCodec, MissingMembersKeepTheirDefaultsAndWrittenEntriesReadBack) {
  const auto sparse = decode_history_entry(R"({"action":"tested"})");
  ASSERT_TRUE(sparse);
  EXPECT_EQ(sparse->action, "tested");
  EXPECT_EQ(sparse->version, 0);
  EXPECT_TRUE(sparse->changes.is_array());

  const HistoryEntry entry{
      "2024-05-01T10:00:00Z", "updated", 2, {{{"field", "name"}, {"from", "a"}, {"to", "b"}}}};
  const auto back = decode_history_entry(encode_history_entry(entry));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->at, entry.at);
  EXPECT_EQ(back->action, entry.action);
  EXPECT_EQ(back->version, entry.version);
  EXPECT_EQ(back->changes, entry.changes);
}

}  // namespace
}  // namespace datahub::backend
