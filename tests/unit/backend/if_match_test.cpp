#include "if_match.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

TEST(IfMatchTest, StarMatchesAnyVersion) {
  EXPECT_TRUE(parse_if_match("*").matches(1));
  EXPECT_TRUE(parse_if_match(" * ").matches(42));
}

TEST(IfMatchTest, StrongTagsMatchTheirVersionOnly) {
  const IfMatch m = parse_if_match("\"3\", \"5\"");
  EXPECT_TRUE(m.matches(3));
  EXPECT_TRUE(m.matches(5));
  EXPECT_FALSE(m.matches(4));
}

TEST(IfMatchTest, WeakOrMalformedTagsNeverMatch) {
  EXPECT_FALSE(parse_if_match("W/\"3\"").matches(3));
  EXPECT_FALSE(parse_if_match("3").matches(3));
  EXPECT_FALSE(parse_if_match("\"abc\"").matches(0));
  EXPECT_FALSE(parse_if_match("").matches(1));
  EXPECT_FALSE(parse_if_match("\"99999999999999999999999\"").matches(1));
}

TEST(IfMatchTest, EtagIsTheQuotedVersion) {
  EXPECT_EQ(etag_for(12), "\"12\"");
}

}  // namespace
}  // namespace datahub::backend
