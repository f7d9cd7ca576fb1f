// Listing: order by name (case-insensitive), search, status filter, cursor paging, total.
#include <chrono>
#include <thread>

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

TEST_F(ApiTest, SortsByAnyColumnEitherWayAndPagesWithinThatOrder) {
  const std::string b_id = create(no_auth_connector("b-conn", "https://c.example.com"))["id"];
  create(no_auth_connector("a-conn", "https://b.example.com"));
  json active = no_auth_connector("c-conn", "https://a.example.com");
  active["status"] = "active";
  create(active);
  EXPECT_EQ(names(get("/api/connectors?sort=-name")),
            (std::vector<std::string>{"c-conn", "b-conn", "a-conn"}));
  EXPECT_EQ(names(get("/api/connectors?sort=base_url")),
            (std::vector<std::string>{"c-conn", "a-conn", "b-conn"}));
  EXPECT_EQ(names(get("/api/connectors?sort=status")),
            (std::vector<std::string>{"c-conn", "a-conn", "b-conn"}));
  // Times have whole seconds: wait for the next one, then touch b-conn.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(post("/api/connectors/" + b_id + "/activate", json::object()).status, 200);
  EXPECT_EQ(names(get("/api/connectors?sort=-updated_at")),
            (std::vector<std::string>{"b-conn", "a-conn", "c-conn"}));

  Reply first = get("/api/connectors?sort=-name&limit=2");
  EXPECT_EQ(names(first), (std::vector<std::string>{"c-conn", "b-conn"}));
  const std::string cursor = first.body["next_cursor"];
  EXPECT_EQ(names(get("/api/connectors?sort=-name&limit=2&cursor=" + cursor)),
            (std::vector<std::string>{"a-conn"}));
  EXPECT_EQ(get("/api/connectors?limit=2&cursor=" + cursor).status, 400)
      << "a cursor continues only the order it was made in";
  EXPECT_EQ(get("/api/connectors?sort=color").status, 400);
}

TEST_F(ApiTest, OffsetGivesThePageAtAPositionInAnyOrderAndFilter) {
  for (int i = 0; i < 12; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "conn %02d", i);
    json c =
        no_auth_connector(name, i % 2 ? "https://odd.example.com" : "https://even.example.com");
    create(c);
  }
  Reply r = get("/api/connectors?limit=3&offset=9");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(names(r), (std::vector<std::string>{"conn 09", "conn 10", "conn 11"}));
  EXPECT_EQ(r.body["total"], 12);
  EXPECT_TRUE(r.body["next_cursor"].is_null());
  Reply sorted = get("/api/connectors?limit=2&offset=1&sort=-name&q=odd");
  EXPECT_EQ(names(sorted), (std::vector<std::string>{"conn 09", "conn 07"}));
  EXPECT_EQ(sorted.body["total"], 6);
  // The page's cursor goes on from there.
  Reply next = get("/api/connectors?limit=2&sort=-name&q=odd&cursor=" +
                   sorted.body["next_cursor"].get<std::string>());
  EXPECT_EQ(names(next), (std::vector<std::string>{"conn 05", "conn 03"}));
  Reply past = get("/api/connectors?offset=500");
  ASSERT_EQ(past.status, 200);
  EXPECT_TRUE(past.body["items"].empty());
  EXPECT_EQ(past.body["total"], 12);
  for (const char* bad : {"-1", "1.5", "x", "", "1000000000"}) {
    Reply refused = get(std::string("/api/connectors?offset=") + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_NE(refused.raw.find("offset"), std::string::npos) << refused.raw;
  }
}

}  // namespace
}  // namespace datahub::testing
