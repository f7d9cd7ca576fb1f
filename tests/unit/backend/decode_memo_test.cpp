// DecodeMemo: a record is decoded once per stored form, and a changed record at once.
#include "store/decode_memo.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

TEST(DecodeMemo, DecodesOncePerStoredFormAndAgainWhenTheBytesChange) {
  DecodeMemo<int> memo;
  int calls = 0;
  auto decode = [&](std::string_view bytes) -> std::optional<int> {
    ++calls;
    if (bytes == "bad") return std::nullopt;
    return static_cast<int>(bytes.size());
  };
  EXPECT_EQ(memo.get("k", "abc", decode), 3);
  EXPECT_EQ(memo.get("k", "abc", decode), 3);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(memo.get("k", "abcd", decode), 4) << "changed bytes are decoded again";
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(memo.get("other", "abcd", decode), 4);
  EXPECT_EQ(calls, 3) << "by key";
  EXPECT_FALSE(memo.get("k", "bad", decode));
  EXPECT_FALSE(memo.get("k", "bad", decode)) << "a failure is never remembered as a value";
  EXPECT_EQ(calls, 5);
}

}  // namespace
}  // namespace datahub::backend
