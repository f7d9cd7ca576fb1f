#include "datahub/url_encoding.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

TEST(UrlEncodingTest, PercentEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b+c/d?e=f&g#h%"), "a%20b%2Bc%2Fd%3Fe%3Df%26g%23h%25");
  EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(percent_encode(std::string_view("\0\x7f", 2)), "%00%7F");
  EXPECT_EQ(percent_encode(""), "");
}

// RFC 6749 §2.3.1 with Appendix B: the client credentials of a Basic header.
TEST(UrlEncodingTest, FormEncodingTurnsSpacesIntoPlusAndKeepsStar) {
  EXPECT_EQ(form_urlencode("a+b:c%d \xC3\xA9"), "a%2Bb%3Ac%25d+%C3%A9");
  EXPECT_EQ(form_urlencode("AZaz09*-._~"), "AZaz09*-._%7E");
  EXPECT_EQ(form_urlencode(" "), "+");
}

}  // namespace
}  // namespace datahub
