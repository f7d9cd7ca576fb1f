// Joining a connector's base URL with a caller's path and query: the host never changes.
#include <gtest/gtest.h>

#include "outbound/connector_request.h"
#include "outbound/proxy_messages.h"
#include "outbound/request_target.h"

namespace datahub::outbound {
namespace {

std::string joined(const char* base, const char* path,
                   const std::map<std::string, std::string>& query = {}) {
  auto url = build_request_url(base, path, query);
  return url.ok() ? url->to_string() : "refused: " + url.problem().detail;
}

TEST(RequestTarget, JoinsWithExactlyOneSlash) {
  EXPECT_EQ(joined("https://erp.example.com/api/v2", "/health"),
            "https://erp.example.com/api/v2/health");
  EXPECT_EQ(joined("https://erp.example.com/api/v2/", "/health"),
            "https://erp.example.com/api/v2/health");
  EXPECT_EQ(joined("https://erp.example.com", "/health"), "https://erp.example.com/health");
  EXPECT_EQ(joined("https://erp.example.com/api/v2", ""), "https://erp.example.com/api/v2");
  EXPECT_EQ(joined("https://erp.example.com", ""), "https://erp.example.com/");
  EXPECT_EQ(joined("https://erp.example.com/api", "/"), "https://erp.example.com/api/");
}

TEST(RequestTarget, MergesQueriesAndEncodesWhatAUrlCannotCarry) {
  EXPECT_EQ(joined("http://h.example/a?key=1", "/b?x=2", {{"q", "a b&c"}, {"\xC3\xA9", "/"}}),
            "http://h.example/a/b?key=1&x=2&q=a%20b%26c&%C3%A9=%2F");
  EXPECT_EQ(joined("http://h.example", "/caf\xC3\xA9 bar/%41%zz"),
            "http://h.example/caf%C3%A9%20bar/%41%25zz");
}

TEST(RequestTarget, RefusesPathsThatLeaveTheBaseOrNameAnotherHost) {
  for (const char* path : {"//evil.example/x", "http://evil.example/", "evil", "/a/../../admin",
                           "/a/%2e%2E/admin", "/./x", "/..", "/a\\b", "/a#frag", "/a\r\nX: y"}) {
    auto url = build_request_url("https://erp.example.com/api", path, {});
    ASSERT_FALSE(url.ok()) << path;
    EXPECT_EQ(url.problem().type, ProblemType::Validation) << path;
    ASSERT_EQ(url.problem().errors.size(), 1u);
    EXPECT_EQ(url.problem().errors[0].field, "path");
  }
  // Dots inside a segment are ordinary characters.
  EXPECT_EQ(joined("http://h.example", "/v1.2/..x/a..b"), "http://h.example/v1.2/..x/a..b");
}

// An upstream that decodes "%2f" before resolving dot segments, or drops ";parameters" from a
// segment (Tomcat, Spring), reads these as climbing above the base path.
TEST(RequestTarget, RefusesDotSegmentsHiddenByEncodingOrPathParameters) {
  for (const char* path :
       {"/..%2fadmin", "/..%2Fadmin", "/a/..%2f..%2fadmin", "/%2e%2e%2fadmin", "/a/..;/admin",
        "/a/..;jsessionid=x/admin", "/a/.;/admin", "/a/%2e%2e;/admin", "/a%2f%2e%2e", "/..;",
        "/a/..%5cadmin", "/a/%5C..%5Cadmin"}) {
    auto url = build_request_url("https://erp.example.com/api", path, {});
    ASSERT_FALSE(url.ok()) << path << " -> " << url->to_string();
    EXPECT_EQ(url.problem().type, ProblemType::Validation) << path;
    ASSERT_EQ(url.problem().errors.size(), 1u);
    EXPECT_EQ(url.problem().errors[0].field, "path");
  }
  // Encoded slashes and path parameters that do not climb stay as the caller wrote them.
  EXPECT_EQ(joined("http://h.example/api", "/files/a%2Fb/items;v=2/..x;y"),
            "http://h.example/api/files/a%2Fb/items;v=2/..x;y");
}

TEST(ProxyMessages, ReadsARequestBodyAndListsEveryBrokenField) {
  auto ok = proxy_request_from_json(nlohmann::json::parse(
      R"({"method":"post","path":"/orders","query":{"limit":10,"q":"x"},
          "headers":{"X-Trace":"1"},"body":{"a":1}})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->method, "POST");
  EXPECT_EQ(ok->query.at("limit"), "10");
  EXPECT_EQ(ok->headers.at("X-Trace"), "1");
  EXPECT_EQ(ok->body->at("a"), 1);

  auto broken = proxy_request_from_json(nlohmann::json::parse(
      R"({"method":"TRACE","path":"//evil","headers":{"Host":"x","Bad Name":"y","X":"a\nb"}})"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.problem().type, ProblemType::Validation);
  EXPECT_EQ(broken.problem().errors.size(), 5u);

  auto wrong_type = proxy_request_from_json(nlohmann::json::parse(R"({"headers":[1]})"));
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.problem().status, 400);
}

// Names go out exactly as given: whitespace around one would slip a reserved header (or, with
// CR LF, a header block of the caller's own) past the checks.
TEST(ProxyMessages, HeaderNamesWithWhitespaceAroundThemAreRefused) {
  for (const char* name :
       {"Host ", "Transfer-Encoding\t", " Content-Length", "\r\nX", "Authorization ", "X-Ok\n"}) {
    nlohmann::json body = {{"method", "GET"}, {"path", "/"}, {"headers", {{name, "v"}}}};
    auto r = proxy_request_from_json(body);
    ASSERT_FALSE(r.ok()) << name;
    ASSERT_EQ(r.problem().errors.size(), 1u) << name;
    EXPECT_EQ(r.problem().errors[0].field, std::string("headers.") + name);
  }
}

// A secret Authorization header may be a bare key: only "<scheme> <credentials>" keeps its
// scheme in what the test result shows.
TEST(ConnectorRequest, AuthorizationIsShownAsItsSchemeOnlyWhenItHasOne) {
  Connector c;
  c.headers = {Header{"Authorization", WriteOnly{"lin_api_0123456789", true}, true}};
  OutboundRequest r;
  r.headers = {{"Authorization", "lin_api_0123456789"}};
  EXPECT_EQ(redacted_request_headers(r, c).at("authorization"), "***");
  c.headers.clear();
  for (auto [value, shown] :
       {std::pair{"Basic dXNlcjpwdw==", "Basic ***"}, std::pair{"Bearer\tkey-123", "***"},
        std::pair{"key-123", "***"}, std::pair{" key", "***"}}) {
    r.headers = {{"Authorization", value}};
    EXPECT_EQ(redacted_request_headers(r, c).at("authorization"), shown) << value;
  }
}

TEST(ProxyMessages, TestBodyIsOptional) {
  auto none = test_request_from_json(nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->method, "GET");
  EXPECT_EQ(none->path, "");
  auto given = test_request_from_json(nlohmann::json::parse(R"({"method":"HEAD","path":"/h"})"));
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->method, "HEAD");
  EXPECT_FALSE(test_request_from_json(nlohmann::json::parse(R"({"path":"x"})")).ok());
}

}  // namespace
}  // namespace datahub::outbound
