// Listing: order by name (case-insensitive), search, status filter, cursor paging, total.
#include "api_fixture.h"

namespace datahub::testing {
namespace {

std::vector<std::string> names(const Reply& r) {
  std::vector<std::string> out;
  for (const auto& item : r.body["items"]) out.push_back(item["name"]);
  return out;
}

TEST_F(ApiTest, EmptyListHasNoItems) {
  Reply r = get("/api/connectors");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.body["items"].empty());
  EXPECT_EQ(r.body["total"], 0);
  EXPECT_TRUE(r.body["next_cursor"].is_null());
}

TEST_F(ApiTest, ListIsOrderedByNameCaseInsensitively) {
  for (const char* n : {"beta", "Alpha", "gamma", "ALPHA 2", "Delta"}) create(no_auth_connector(n));
  Reply r = get("/api/connectors");
  EXPECT_EQ(names(r), (std::vector<std::string>{"Alpha", "ALPHA 2", "beta", "Delta", "gamma"}));
  EXPECT_EQ(r.body["total"], 5);
  EXPECT_FALSE(r.raw.find("client_secret\":") != std::string::npos);
}

TEST_F(ApiTest, SearchMatchesNameOrBaseUrlAndStatusFilters) {
  create(no_auth_connector("SAP ERP", "https://sap.example.com"));
  create(no_auth_connector("Akeneo PIM", "https://pim.example.com/akeneo"));
  json active = no_auth_connector("Middleware", "https://mw.example.com");
  active["status"] = "active";
  create(active);
  EXPECT_EQ(names(get("/api/connectors?q=erp")), (std::vector<std::string>{"SAP ERP"}));
  EXPECT_EQ(names(get("/api/connectors?q=AKENEO")), (std::vector<std::string>{"Akeneo PIM"}));
  EXPECT_EQ(names(get("/api/connectors?q=example.com")).size(), 3u);
  EXPECT_EQ(names(get("/api/connectors?status=active")), (std::vector<std::string>{"Middleware"}));
  Reply disabled = get("/api/connectors?status=disabled&q=example");
  EXPECT_EQ(disabled.body["total"], 2);
}

TEST_F(ApiTest, CursorPagingWalksEveryConnectorOnce) {
  std::vector<std::string> expected;
  for (int i = 0; i < 23; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "conn %02d", i);
    expected.push_back(name);
    create(no_auth_connector(name));
  }
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    Reply r = get("/api/connectors?limit=5" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body["total"], 23);
    for (auto& n : names(r)) seen.push_back(n);
    cursor = r.body["next_cursor"].is_null() ? "" : r.body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace datahub::testing
