// docs/API.md and the served OpenAPI document name the same routes. API.md gives each route a
// heading of exactly this form, and nothing else a heading that starts with a method or "/api":
//   ### GET /api/connectors/{id}
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "datahub/text.h"
#include "openapi.h"

namespace datahub::backend {
namespace {

struct RouteHeadings {
  std::set<std::string> routes;     // "GET /api/connectors/{id}"
  std::vector<std::string> errors;  // headings that look like a route but are not one
};

// Route headings of a markdown text. A "### " heading whose text starts with an HTTP method or
// "/" must be a route: METHOD, one space, a path of /api and its segments, nothing after.
RouteHeadings route_headings(const std::string& markdown) {
  static const std::regex kRoute(R"(### (GET|POST|PUT|DELETE|PATCH) (/api(/[A-Za-z0-9_.{}-]+)*))");
  static const std::regex kLooksLikeRoute(
      R"(###\s+((GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|TRACE|CONNECT)\b|/).*)");
  RouteHeadings out;
  std::istringstream lines(markdown);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::smatch m;
    if (std::regex_match(line, m, kRoute)) {
      const std::string route = m[1].str() + " " + m[2].str();
      if (!out.routes.insert(route).second)
        out.errors.push_back("line " + std::to_string(number) + ": " + route + " twice");
    } else if (std::regex_match(line, kLooksLikeRoute)) {
      out.errors.push_back("line " + std::to_string(number) + ": not a route heading: " + line);
    }
  }
  return out;
}

// "GET /api/health" for every operation of the document.
std::set<std::string> openapi_routes(const nlohmann::json& doc) {
  std::set<std::string> out;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      out.insert(to_upper_ascii(method) + " " + path);
    }
  }
  return out;
}

// Every route of `a` missing from `b`.
std::vector<std::string> missing(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& route : a)
    if (!b.count(route)) out.push_back(route);
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += "\n  " + item;
  return out;
}

TEST(DocsRoutesTest, ApiMdAndTheServedOpenApiNameTheSameRoutes) {
  const std::string path = std::string(DATAHUB_DOCS_DIR) + "/API.md";
  const std::string markdown = read_text(path);
  ASSERT_FALSE(markdown.empty()) << "cannot read " << path;
  const RouteHeadings docs = route_headings(markdown);
  EXPECT_TRUE(docs.errors.empty()) << path << ":" << join(docs.errors);
  const std::set<std::string> served = openapi_routes(openapi_document());
  ASSERT_FALSE(served.empty());
  EXPECT_TRUE(missing(served, docs.routes).empty())
      << "served (OpenAPI) but without a '### METHOD /path' heading in " << path << ":"
      << join(missing(served, docs.routes));
  EXPECT_TRUE(missing(docs.routes, served).empty())
      << "in " << path << " but not in the OpenAPI document:" << join(missing(docs.routes, served));
}

// The comparison itself: a route missing on either side, and a malformed heading, are seen.
TEST(DocsRoutesTest, SeesARouteMissingFromEitherSideAndAMalformedHeading) {
  const auto docs = route_headings(
      "# API\n## Routes\n### GET /api/health\n### POST /api/connectors/{id}/test\r\n"
      "### Write-only secrets\n### A test\n### TLS\n#### GET /api/not-a-route-heading\n");
  EXPECT_TRUE(docs.errors.empty()) << join(docs.errors);
  EXPECT_EQ(docs.routes,
            (std::set<std::string>{"GET /api/health", "POST /api/connectors/{id}/test"}));

  nlohmann::json doc = {{"paths",
                         {{"/api/health", {{"get", {{"responses", nlohmann::json::object()}}}}},
                          {"/api/connectors",
                           {{"parameters", nlohmann::json::array()},
                            {"get", {{"responses", nlohmann::json::object()}}}}}}}};
  const auto served = openapi_routes(doc);
  EXPECT_EQ(missing(served, docs.routes), std::vector<std::string>{"GET /api/connectors"});
  EXPECT_EQ(missing(docs.routes, served),
            std::vector<std::string>{"POST /api/connectors/{id}/test"});

  for (const char* bad : {"### GET  /api/health", "### GET /api/health extra", "### get-ish",
                          "### PATCH api/connectors", "### /api/health", "### GET /api/health",
                          "### OPTIONS /api/health"}) {
    const auto parsed = route_headings(std::string("### GET /api/health\n") + bad + "\n");
    EXPECT_EQ(parsed.errors.size(), std::string(bad) == "### get-ish" ? 0u : 1u) << bad;
  }
}

}  // namespace
}  // namespace datahub::backend
