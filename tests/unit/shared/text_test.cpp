// UTF-8 and ASCII helpers: they decide what "100 characters" and "control character" mean.
#include "datahub/text.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

TEST(Text, CountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Zürich"), 6u);
  EXPECT_EQ(utf8_length("東京"), 2u);
  EXPECT_EQ(utf8_length("🚀"), 1u);
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(Text, RefusesMalformedUtf8) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));      // U+FFFD
}

TEST(Text, FindsC0DelAndC1Controls) {
  EXPECT_TRUE(has_control_chars("a\tb"));
  EXPECT_TRUE(has_control_chars(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control_chars("a\x7F"));
  EXPECT_TRUE(has_control_chars("a\xC2\x85"));  // U+0085 NEL
  EXPECT_TRUE(has_control_chars("\xC2\x9F"));   // U+009F
  EXPECT_FALSE(has_control_chars("\xC2\xA0"));  // U+00A0 NBSP is not a control
  EXPECT_FALSE(has_control_chars("Grüße, 東京"));
}

TEST(Text, TrimsAsciiWhitespaceOnly) {
  EXPECT_EQ(trim_ascii("  \t name \r\n"), "name");
  EXPECT_EQ(trim_ascii("   "), "");
  EXPECT_EQ(trim_ascii("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");
}

TEST(Text, FoldsAsciiCaseOnly) {
  EXPECT_EQ(to_lower_ascii("X-API-Key"), "x-api-key");
  EXPECT_EQ(to_lower_ascii("ÄB"), "Äb");
  EXPECT_TRUE(iequals_ascii("Authorization", "AUTHORIZATION"));
  EXPECT_FALSE(iequals_ascii("Host", "Hos"));
}

}  // namespace
}  // namespace datahub
