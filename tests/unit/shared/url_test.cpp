// parse_http_url: the base_url and token_url rule, and the parts the backend connects with.
#include "datahub/url.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

Url parse_ok(std::string_view text) {
  auto parsed = parse_http_url(text);
  EXPECT_TRUE(parsed.url) << text << ": " << parsed.error;
  return parsed.url.value_or(Url{});
}

std::string error_of(std::string_view text) {
  auto parsed = parse_http_url(text);
  EXPECT_FALSE(parsed.url) << text << " was accepted";
  return parsed.error;
}

TEST(Url, SplitsAPlainHttpsUrl) {
  const auto u = parse_ok("https://erp.example.com/api/v2?x=1&y=%20");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "erp.example.com");
  EXPECT_EQ(u.host_kind, HostKind::Name);
  EXPECT_EQ(u.port, 0);
  EXPECT_EQ(u.effective_port(), 443);
  EXPECT_EQ(u.path, "/api/v2");
  EXPECT_EQ(u.query, "x=1&y=%20");
  EXPECT_EQ(u.path_and_query(), "/api/v2?x=1&y=%20");
  EXPECT_EQ(u.origin(), "https://erp.example.com");
}

TEST(Url, LowercasesSchemeAndHostButNotThePath) {
  const auto u = parse_ok("HTTP://ERP.Example.COM:8080/Api/V2");
  EXPECT_EQ(u.scheme, "http");
  EXPECT_EQ(u.host, "erp.example.com");
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.path, "/Api/V2");
  EXPECT_EQ(u.authority(), "erp.example.com:8080");
}

TEST(Url, DefaultsPathAndPort) {
  const auto u = parse_ok("http://localhost");
  EXPECT_EQ(u.path, "");
  EXPECT_FALSE(u.query);
  EXPECT_EQ(u.effective_port(), 80);
  EXPECT_EQ(u.path_and_query(), "/");
  EXPECT_EQ(parse_ok("http://localhost:/x").port, 0);  // RFC 3986: an empty port is the default
  EXPECT_EQ(parse_ok("http://h?").query, "");
}

TEST(Url, AcceptsPortsOneTo65535) {
  EXPECT_EQ(parse_ok("http://h:1").port, 1);
  EXPECT_EQ(parse_ok("http://h:65535").port, 65535);
  EXPECT_EQ(parse_ok("http://h:0080").port, 80);
  EXPECT_EQ(error_of("http://h:0"), "must have a port between 1 and 65535");
  EXPECT_EQ(error_of("http://h:65536"), "must have a port between 1 and 65535");
  EXPECT_EQ(error_of("http://h:99999999999999999999"), "must have a port between 1 and 65535");
  EXPECT_EQ(error_of("http://h:8o"), "must have a numeric port");
  EXPECT_EQ(error_of("http://h:-1"), "must have a numeric port");
}

TEST(Url, ReadsIpv6LiteralsInBrackets) {
  auto u = parse_ok("http://[::1]:8080/x");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.host_kind, HostKind::IPv6);
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.authority(), "[::1]:8080");
  EXPECT_EQ(parse_ok("https://[2001:DB8::A]").host, "2001:db8::a");
  EXPECT_EQ(parse_ok("https://[::ffff:192.0.2.1]/").host, "::ffff:192.0.2.1");
  EXPECT_EQ(parse_ok("https://[1:2:3:4:5:6:7:8]").host, "1:2:3:4:5:6:7:8");
  EXPECT_EQ(parse_ok("https://[1:2:3:4:5:6:7::]").host, "1:2:3:4:5:6:7::");
}

TEST(Url, RefusesBrokenIpv6Literals) {
  for (const char* text : {"http://[::1", "http://[1:2:3:4:5:6:7:8:9]", "http://[1::2::3]",
                           "http://[12345::]", "http://[:::]", "http://[::g]", "http://[]",
                           "http://[1:2:3:4:5:6:7]", "http://[::1]x", "http://[::1.2.3.4.5]"}) {
    EXPECT_FALSE(parse_http_url(text).url) << text;
  }
  EXPECT_EQ(error_of("http://[fe80::1%25eth0]/"), "must not contain an IPv6 zone identifier");
  EXPECT_EQ(error_of("http://::1/"), "must not contain ':' in the host");
}

TEST(Url, AcceptsDottedQuadIpv4AndRefusesOtherSpellings) {
  const auto u = parse_ok("http://192.0.2.10:8080");
  EXPECT_EQ(u.host, "192.0.2.10");
  EXPECT_EQ(u.host_kind, HostKind::IPv4);
  for (const char* text :
       {"http://2130706433/", "http://0x7f.1/", "http://127.1/", "http://010.0.0.1/",
        "http://256.0.0.1/", "http://1.2.3.4.5/", "http://example.123/"}) {
    EXPECT_EQ(error_of(text), "has an invalid IPv4 address (use a.b.c.d)") << text;
  }
}

TEST(Url, RefusesOtherSchemes) {
  EXPECT_EQ(error_of("ftp://files.example.com/"), "must use http or https");
  EXPECT_EQ(error_of("ws://example.com/"), "must use http or https");
  EXPECT_EQ(error_of("file:///etc/passwd"), "must use http or https");
  EXPECT_EQ(error_of("javascript:alert(1)"), "must be an absolute http(s) URL");
  EXPECT_EQ(error_of("mailto:a@example.com"), "must be an absolute http(s) URL");
}

TEST(Url, RefusesRelativeAndSchemelessUrls) {
  for (const char* text : {"", "example.com/api", "/api/v2", "//example.com/api", "localhost:8080",
                           "http:example.com", "http:/example.com", "1http://x", ":x"}) {
    EXPECT_EQ(error_of(text), "must be an absolute http(s) URL") << text;
  }
}

TEST(Url, RefusesAMissingHost) {
  EXPECT_EQ(error_of("http://"), "must include a host");
  EXPECT_EQ(error_of("https:///path"), "must include a host");
  EXPECT_EQ(error_of("http://:8080/"), "must include a host");
  EXPECT_EQ(error_of("http://?q"), "must include a host");
}

TEST(Url, RefusesUserinfo) {
  for (const char* text : {"https://user:pass@example.com/", "https://user@example.com",
                           "https://@example.com", "http://example.com@evil.example/"}) {
    EXPECT_EQ(error_of(text), "must not contain user info (user:password@)") << text;
  }
  EXPECT_TRUE(parse_http_url("https://example.com/users/@me").url);  // '@' in a path is fine
}

TEST(Url, RefusesFragments) {
  EXPECT_EQ(error_of("https://example.com/api#top"), "must not contain a fragment (#...)");
  EXPECT_EQ(error_of("https://example.com/#"), "must not contain a fragment (#...)");
}

TEST(Url, RefusesWhitespaceControlsAndNonAscii) {
  for (const char* text : {"https://exa mple.com/", "https://example.com/a b", " https://x.com",
                           "https://x.com\t", "https://x.com/\r\nX: y", "https://x.com/\x7F"}) {
    EXPECT_EQ(error_of(text), "must not contain spaces or control characters") << text;
  }
  EXPECT_EQ(error_of(std::string("https://x.com/\0", 15)),
            "must not contain spaces or control characters");
  EXPECT_EQ(error_of("https://bücher.de/"),
            "must contain only ASCII characters (percent-encode others)");
}

TEST(Url, ChecksPercentEncoding) {
  EXPECT_EQ(parse_ok("https://x.com/a%2Fb%c3%a9?q=%41").path, "/a%2Fb%c3%a9");
  EXPECT_EQ(error_of("https://x.com/100%"), "has a malformed percent-encoding (use %XX)");
  EXPECT_EQ(error_of("https://x.com/%zz"), "has a malformed percent-encoding (use %XX)");
  EXPECT_EQ(error_of("https://x.com/%4"), "has a malformed percent-encoding (use %XX)");
  EXPECT_EQ(error_of("https://ex%61mple.com/"), "must not percent-encode the host");
}

TEST(Url, RefusesCharactersThatMustBeEncoded) {
  EXPECT_EQ(error_of("https://x.com/a|b"), "must percent-encode the character '|'");
  EXPECT_EQ(error_of("https://x.com/{id}"), "must percent-encode the character '{'");
  EXPECT_EQ(error_of("https://x.com/a\\b"), "must percent-encode the character '\\'");
  EXPECT_TRUE(parse_http_url("https://x.com/a-b_c.d~e!$&'()*+,;=:@/?q=/?").url);
}

TEST(Url, ChecksHostNames) {
  EXPECT_EQ(parse_ok("https://my_host.internal.").host, "my_host.internal.");
  EXPECT_EQ(error_of("https://a..b/"), "has an empty label in the host name");
  EXPECT_EQ(error_of("https://.a/"), "has an empty label in the host name");
  EXPECT_EQ(error_of("https://a!b.com/"), "must not contain '!' in the host");
  EXPECT_EQ(error_of("https://" + std::string(64, 'a') + ".com/"),
            "has a host name label over 63 characters");
  std::string long_host;
  for (int i = 0; i < 6; ++i) long_host += std::string(50, 'a') + ".";
  EXPECT_EQ(error_of("https://" + long_host + "com/"), "has a host name that is too long");
}

TEST(Url, RefusesOverlongUrls) {
  const std::string path(kMaxUrlLength, 'a');
  EXPECT_EQ(error_of("https://x.com/" + path), "must be at most 2048 characters");
  EXPECT_TRUE(parse_http_url("https://x.com/" + path.substr(14)).url);
}

}  // namespace
}  // namespace datahub
