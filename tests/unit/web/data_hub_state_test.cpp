// The Data Hub's list state: queries, late answers, paging and sorting, without a screen.
#include "data_hub_state.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "api_client_http.h"
#include "fake_platform.h"

namespace datahub::web {
namespace {

std::string Page(int first, int count, int total, const char* next_cursor) {
  std::string items;
  for (int i = first; i < first + count; ++i) {
    if (!items.empty()) items += ",";
    char name[16];
    std::snprintf(name, sizeof(name), "c%05d", i);
    items += std::string(R"({"id":"id)") + name + R"(","type":"api","name":")" + name +
             R"(","base_url":"https://x.example/)" + name +
             R"(","status":"disabled","updated_at":"2026-01-01T00:00:00Z"})";
  }
  std::string cursor = next_cursor ? std::string("\"") + next_cursor + "\"" : "null";
  return R"({"items":[)" + items + R"(],"next_cursor":)" + cursor + R"(,"total":)" +
         std::to_string(total) + "}";
}

struct Fixture {
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  DataHubState state{api};
};

TEST(DataHubState, SearchAndFilterGoToTheServer) {
  Fixture f;
  f.state.SetSearch("erp");
  f.state.SetStatusFilter(StatusFilter::Active);
  ASSERT_EQ(f.platform.pending.size(), 2u);
  EXPECT_NE(f.platform.pending.back().request.url.find("q=erp&status=active"), std::string::npos);
}

TEST(DataHubState, LateAnswersToOldQueriesAreDropped) {
  Fixture f;
  f.state.SetSearch("a");
  f.state.SetSearch("ab");
  f.platform.Answer(200, Page(0, 5, 5, nullptr));  // the answer to "a" arrives last-but-one
  EXPECT_FALSE(f.state.Settled());
  f.platform.Answer(200, Page(0, 1, 1, nullptr));
  EXPECT_TRUE(f.state.Settled());
  EXPECT_EQ(f.state.Rows().size(), 1u);
}

TEST(DataHubState, PagesLoadAsRowsAreNeeded) {
  Fixture f;
  f.state.Refresh();
  f.platform.Answer(200, Page(0, DataHubState::kPageSize, 100000, "p2"));
  EXPECT_EQ(f.state.Total(), 100000);
  f.state.NeedRow(10);  // already here: no request
  EXPECT_TRUE(f.platform.pending.empty());
  f.state.NeedRow(DataHubState::kPageSize + 5);
  ASSERT_EQ(f.platform.pending.size(), 1u);
  EXPECT_NE(f.platform.pending.front().request.url.find("cursor=p2"), std::string::npos);
  f.state.NeedRow(DataHubState::kPageSize + 6);  // one page at a time
  EXPECT_EQ(f.platform.pending.size(), 1u);
  f.platform.Answer(200, Page(DataHubState::kPageSize, DataHubState::kPageSize, 100000, "p3"));
  EXPECT_EQ(f.state.Rows().size(), 2u * DataHubState::kPageSize);
  EXPECT_EQ(f.state.Rows()[DataHubState::kPageSize].name, "c00200");
}

// The scrollbar dragged to the end of 100,000 rows: the table shows the last screenful, frame
// after frame, and every request is answered. Counts the requests until the rows are there.
int RequestsForAJumpToTheEnd(Fixture& f, std::int64_t total) {
  const std::int64_t first = total - 30;
  int requests = 0;
  for (int frame = 0; frame < 1000; ++frame) {
    f.state.NeedRows(first, total);
    if (f.platform.pending.empty()) break;
    ++requests;
    const std::string url = f.platform.pending.front().request.url;
    const auto at = url.find("offset=");
    const int from = at == std::string::npos ? static_cast<int>(f.state.Rows().size())
                                             : std::stoi(url.substr(at + 7));
    const int count =
        static_cast<int>(std::min<std::int64_t>(DataHubState::kPageSize, total - from));
    f.platform.Answer(
        200, Page(from, count, static_cast<int>(total), from + count < total ? "more" : nullptr));
  }
  return requests;
}

TEST(DataHubState, AJumpToTheEndLoadsOnePage) {
  Fixture f;
  f.state.Refresh();
  f.platform.Answer(200, Page(0, DataHubState::kPageSize, 100000, "p2"));
  EXPECT_EQ(RequestsForAJumpToTheEnd(f, 100000), 1);
  ASSERT_NE(f.state.RowAt(99999), nullptr);
  EXPECT_EQ(f.state.RowAt(99999)->name, "c99999");
  EXPECT_EQ(f.state.RowAt(99970)->name, "c99970");
  EXPECT_EQ(f.state.RowAt(50000), nullptr) << "only the page under the rows shown";
  EXPECT_EQ(f.state.Rows().size(), static_cast<std::size_t>(DataHubState::kPageSize));
}

TEST(DataHubState, AJumpAsksForTheOffsetOfThePageAroundTheRowsShown) {
  Fixture f;
  f.state.SetSearch("erp");
  f.platform.Answer(200, Page(0, DataHubState::kPageSize, 100000, "p2"));
  f.platform.Answer(200, Page(0, 1, 100000, "t"));  // the unfiltered total ("21 of 203")
  f.state.NeedRows(50000, 50030);
  ASSERT_EQ(f.platform.pending.size(), 1u);
  const std::string& url = f.platform.pending.front().request.url;
  EXPECT_NE(url.find("offset=49915"), std::string::npos) << url;
  EXPECT_NE(url.find("q=erp"), std::string::npos) << url;
  EXPECT_EQ(url.find("cursor="), std::string::npos) << url;
  f.state.Refresh();  // a new query: the jump's answer is dropped when it comes
  f.platform.Answer(200, Page(49915, DataHubState::kPageSize, 100000, "x"));
  EXPECT_EQ(f.state.RowAt(50000), nullptr);
}

TEST(DataHubState, SortingAFullyLoadedListHappensHere) {
  Fixture f;
  f.state.Refresh();
  f.platform.Answer(200, Page(0, 3, 3, nullptr));
  f.state.SetSort({SortColumn::Name, false});
  EXPECT_TRUE(f.platform.pending.empty());
  EXPECT_EQ(f.state.Rows().front().name, "c00002");
}

TEST(DataHubState, SortingAPartialListAsksTheServer) {
  Fixture f;
  f.state.Refresh();
  f.platform.Answer(200, Page(0, DataHubState::kPageSize, 1000, "p2"));
  f.state.SetSort({SortColumn::Updated, false});
  ASSERT_EQ(f.platform.pending.size(), 1u);
  EXPECT_NE(f.platform.pending.front().request.url.find("sort=-updated_at"), std::string::npos);
}

TEST(DataHubState, TheAddressTakesATypedSearchOnceItGoesOut) {
  Fixture f;
  f.state.TypeSearch("erp", 0.0);
  EXPECT_EQ(f.state.Address(), ListAddress{}) << "still typing: the address waits with the list";
  EXPECT_TRUE(f.platform.pending.empty()) << "reading the address sends nothing";
  f.state.Tick(DataHubState::kSearchPause);
  ASSERT_EQ(f.platform.pending.size(), 1u);
  EXPECT_EQ(f.state.Address().q, "erp");
  f.state.SetStatusFilter(StatusFilter::Disabled);
  f.state.SetSort({SortColumn::Updated, false});
  EXPECT_EQ(f.state.Address(), (ListAddress{"erp", "disabled", "-updated_at", ""}));
}

TEST(DataHubState, AnAddressIsOpenedWithOneRequest) {
  Fixture f;
  f.state.TypeSearch("half typed", 0.0);
  f.state.OpenAddress({"erp prod", "disabled", "-updated_at", ""});
  ASSERT_EQ(f.platform.pending.size(), 1u);
  const std::string& url = f.platform.pending.front().request.url;
  EXPECT_NE(url.find("q=erp%20prod&status=disabled"), std::string::npos) << url;
  EXPECT_NE(url.find("sort=-updated_at"), std::string::npos) << url;
  EXPECT_EQ(f.state.Search(), "erp prod");
  EXPECT_EQ(f.state.Filter(), StatusFilter::Disabled);
  EXPECT_EQ(f.state.Sort(), (SortOrder{SortColumn::Updated, false}));
  EXPECT_EQ(f.state.Address(), (ListAddress{"erp prod", "disabled", "-updated_at", ""}));
  EXPECT_TRUE(f.state.TakeTableSort()) << "the headers must show the new sort";
  EXPECT_FALSE(f.state.TakeTableSort()) << "once";
  f.state.Tick(10.0);
  EXPECT_EQ(f.platform.pending.size(), 1u) << "the search being typed went with the address";
  f.state.OpenAddress({"erp prod", "disabled", "-updated_at", ""});
  EXPECT_FALSE(f.state.TakeTableSort()) << "the same sort: the headers already show it";
}

}  // namespace
}  // namespace datahub::web
