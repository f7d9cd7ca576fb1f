// The Data Hub screen as a user meets it, drawn headless through the whole App (route, login,
// HTTP client over a fake transport) and read through the probe.
#include <gtest/gtest.h>

#include "api_client_http.h"
#include "app.h"
#include "fake_platform.h"
#include "headless_ui.h"

namespace datahub::web {
namespace {

struct DataHubScreen : ::testing::Test {
  testing::HeadlessUi ui;
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  App app{platform, api};
  std::function<void()> draw = [this] { app.Draw(); };

  void SetUp() override {
    platform.hash = "#token=tok";
    app.SetFonts(ui.Fonts());
    app.Start();
  }
  void Frames(int n = 3) {
    for (int i = 0; i < n; ++i) {
      ui.Frame(draw);
      app.AfterRender();
    }
  }
  bool Shows(std::string_view label) { return ui.Probe().Find(label) != nullptr; }
  const ProbeItem* StartingWith(std::string_view prefix) {
    for (const ProbeItem& item : ui.Probe().LastFrameItems())
      if (item.label.starts_with(prefix)) return &item;
    return nullptr;
  }
};

TEST_F(DataHubScreen, EmptyListPointsToTheButton) {
  ASSERT_EQ(platform.pending.size(), 1u);
  Frames();
  EXPECT_TRUE(platform.console.empty()) << "not ready before the list arrived";
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  EXPECT_EQ(platform.console, std::vector<std::string>{"datahub: ready"});
  EXPECT_TRUE(Shows("Configure a new Connector"));
  for (const char* column : {"Name", "Type", "Base URL", "Status", "Health", "Updated"})
    EXPECT_TRUE(Shows(column)) << column;
  EXPECT_TRUE(Shows("0 connectors"));
  EXPECT_TRUE(Shows("No connectors yet. Use “Configure a new Connector” to add the first one."));
  EXPECT_EQ(platform.title, "Data Hub");
}

TEST_F(DataHubScreen, RowsShowTheirFields) {
  platform.Answer(200, R"({"items":[{"id":"c_1","type":"api","name":"ERP production",
    "base_url":"https://erp.example.com/api/v2","status":"active",
    "updated_at":"2026-11-29T21:10:15Z"}],"next_cursor":null,"total":1})");
  Frames();
  EXPECT_TRUE(Shows("ERP production"));
  EXPECT_TRUE(ui.Probe().Find("ERP production")->Visible()) << "a test can click the row";
  EXPECT_TRUE(Shows("https://erp.example.com/api/v2"));
  EXPECT_TRUE(Shows("Active"));
  EXPECT_TRUE(Shows("1 connector"));
  EXPECT_FALSE(Shows("No connectors yet. Use “Configure a new Connector” to add the first one."));
}

TEST_F(DataHubScreen, UnreachableBackendIsSaidClearlyAndTheScreenStillDraws) {
  platform.Answer(0, "");
  Frames();
  EXPECT_TRUE(Shows("Backend unreachable"));
  EXPECT_TRUE(Shows("Configure a new Connector"));
  EXPECT_EQ(platform.console, std::vector<std::string>{"datahub: ready"});
}

TEST_F(DataHubScreen, ConfigureButtonOpensTheNewConnectorAddress) {
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  ASSERT_TRUE(ui.Click("Configure a new Connector", draw));
  Frames();
  EXPECT_EQ(platform.hash, "#/connectors/new");
  EXPECT_EQ(app.ScreenName(), "#/connectors/new");
  EXPECT_TRUE(Shows("API Connector"));
  // Back in the browser: the address changes, the Data Hub shows again and reloads its list.
  platform.hash = platform.history.back();
  app.OnAddressChanged();
  Frames();
  EXPECT_EQ(app.ScreenName(), "#/connectors");
  EXPECT_EQ(platform.pending.size(), 1u);
}

TEST_F(DataHubScreen, TypingInTheSearchBoxQueriesTheServer) {
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  ASSERT_TRUE(ui.Click("Search", draw));
  ui.Type("erp", draw);
  ui.Wait(DataHubState::kSearchPause, draw);  // the search goes out once typing pauses
  ASSERT_FALSE(platform.pending.empty());
  EXPECT_NE(platform.pending.back().request.url.find("q=erp"), std::string::npos);
  while (platform.pending.size() > 1) platform.pending.pop_front();  // superseded queries
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  EXPECT_TRUE(Shows("No connector matches the search or the status filter."));
}

TEST_F(DataHubScreen, StatusFilterButtonsFilter) {
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  ASSERT_TRUE(ui.Click("Disabled", draw));
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_NE(platform.pending.back().request.url.find("status=disabled"), std::string::npos);
}

TEST_F(DataHubScreen, EveryRowIsARowWithAllItsCellsEvenWhenTheyRepeatTheRowAbove) {
  platform.Answer(200, R"({"items":[
    {"id":"a","type":"api","name":"Alpha","base_url":"https://a","status":"active","updated_at":"2026-01-02T00:00:00Z"},
    {"id":"b","type":"api","name":"Beta","base_url":"https://b","status":"active","updated_at":"2026-01-03T00:00:00Z"},
    {"id":"c","type":"api","name":"Gamma","base_url":"https://c","status":"active","updated_at":"2026-01-04T00:00:00Z"}],
    "next_cursor":null,"total":3})");
  Frames();
  int rows = 0, types = 0, active = 0;
  for (const ProbeItem& item : ui.Probe().LastFrameItems()) {
    if (item.role == ProbeRole::Row) ++rows;
    if (item.label == "API Connector") ++types;
    if (item.label == "Active" && item.role == ProbeRole::Text) ++active;
  }
  EXPECT_EQ(rows, 3) << "the middle row lost its row role to a repeated cell";
  EXPECT_EQ(types, 3);
  EXPECT_EQ(active, 3);
}

TEST_F(DataHubScreen, TheHealthColumnSaysWhatTheServerKnows) {
  platform.Answer(200, R"({"items":[
    {"id":"a","type":"api","name":"Alpha","base_url":"https://a","status":"active",
     "updated_at":"2026-01-02T00:00:00Z","health":{"state":"failing",
     "last_failure_at":"2026-01-02T00:00:00Z","last_failure":"invalid_client",
     "failing_since":"2026-01-01T00:00:00Z"}},
    {"id":"b","type":"api","name":"Beta","base_url":"https://b","status":"active",
     "updated_at":"2026-01-03T00:00:00Z","health":{"state":"ok",
     "last_test_at":"2026-01-03T00:00:00Z","last_test_ok":true}},
    {"id":"c","type":"api","name":"Gamma","base_url":"https://c","status":"active",
     "updated_at":"2026-01-03T00:00:00Z"}],
    "next_cursor":null,"total":3})");
  Frames();
  EXPECT_TRUE(Shows("Health"));
  const auto* alpha = StartingWith("Failing, failing since ");
  ASSERT_NE(alpha, nullptr);
  EXPECT_NE(alpha->label.find("days ago"), std::string::npos) << alpha->label;
  EXPECT_NE(StartingWith("OK, tested "), nullptr);
  EXPECT_TRUE(Shows("Unknown, never tested")) << "a server that does not say: unknown";
  ASSERT_TRUE(ui.Click("Health", draw));  // every row is here: sorted in place, worst first
  Frames();
  EXPECT_LT(ui.Probe().Find("Alpha")->y, ui.Probe().Find("Gamma")->y);
  EXPECT_LT(ui.Probe().Find("Gamma")->y, ui.Probe().Find("Beta")->y);
  EXPECT_TRUE(platform.pending.empty());
  EXPECT_EQ(platform.hash, "#/connectors?sort=health");
}

TEST_F(DataHubScreen, FailingOnlyAsksTheServerAndSaysWhenNoneIs) {
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  ASSERT_TRUE(ui.Click("Failing only", draw));
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_NE(platform.pending.back().request.url.find("health=failing"), std::string::npos);
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  EXPECT_TRUE(Shows("No connector is failing."));
  EXPECT_EQ(platform.hash, "#/connectors?health=failing");
}

TEST_F(DataHubScreen, ClickingAColumnHeaderSorts) {
  platform.Answer(200, R"({"items":[
    {"id":"a","type":"api","name":"Alpha","base_url":"https://a","status":"active","updated_at":"2026-01-02T00:00:00Z"},
    {"id":"b","type":"api","name":"Beta","base_url":"https://b","status":"active","updated_at":"2026-01-03T00:00:00Z"}],
    "next_cursor":null,"total":2})");
  Frames();
  ASSERT_LT(ui.Probe().Find("Alpha")->y, ui.Probe().Find("Beta")->y);
  ASSERT_TRUE(ui.Click("Name", draw));  // ascending already: a click turns it around
  Frames();
  EXPECT_GT(ui.Probe().Find("Alpha")->y, ui.Probe().Find("Beta")->y);
}

TEST_F(DataHubScreen, ManyConnectorsDrawOnlyTheVisibleRows) {
  std::string items;
  for (int i = 0; i < DataHubState::kPageSize; ++i) {
    if (i) items += ",";
    items += R"({"id":"c)" + std::to_string(i) + R"(","type":"api","name":"n)" +
             std::to_string(100000 + i) + R"(","base_url":"https://x","status":"active",
             "updated_at":"2026-01-01T00:00:00Z"})";
  }
  platform.Answer(200, R"({"items":[)" + items + R"(],"next_cursor":"p2","total":100000})");
  Frames();
  EXPECT_TRUE(Shows("100000 connectors"));
  EXPECT_TRUE(Shows("n100000"));
  EXPECT_FALSE(Shows("n100199")) << "rows below the fold are not drawn";
  EXPECT_LT(ui.Probe().LastFrameItems().size(), 400u);
}

TEST_F(DataHubScreen, AnEndedSessionReturnsToSignIn) {
  platform.Answer(401, R"({"type":"urn:datahub:problem:unauthorized","title":"Unauthorized",
    "status":401,"detail":"The session has ended: sign in again."})");
  Frames();
  EXPECT_EQ(app.ScreenName(), "#/login");
  EXPECT_TRUE(Shows("Your session has ended. Sign in again to go on."));
  EXPECT_TRUE(Shows("Sign in"));
}

// The list's search, filter and sort in the page's address ("#/connectors?q=erp&status=active").
struct DataHubAddress : ::testing::Test {
  testing::HeadlessUi ui;
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  App app{platform, api};
  std::function<void()> draw = [this] { app.Draw(); };

  // A page opened (or reloaded) at `hash`, signed in.
  void Open(const char* hash) {
    platform.hash = hash;
    app.SetFonts(ui.Fonts());
    app.Start();
    Frames();
  }
  void Frames(int n = 3) {
    for (int i = 0; i < n; ++i) ui.Frame(draw);
  }
  // Answers every pending request with `body`, the list's last request last.
  void AnswerAll(const std::string& body) {
    while (!platform.pending.empty()) platform.Answer(200, body);
    Frames();
  }
  const ProbeItem& Item(std::string_view label) {
    const ProbeItem* item = ui.Probe().Find(label);
    EXPECT_NE(item, nullptr) << label;
    static const ProbeItem kNone;
    return item ? *item : kNone;
  }
};

const char* kTwoRows = R"({"items":[
  {"id":"c_1","type":"api","name":"analytics","base_url":"https://bi.example.org/erp","status":"disabled","updated_at":"2026-01-02T00:00:00Z"},
  {"id":"c_2","type":"api","name":"ERP production","base_url":"https://erp.example.com","status":"disabled","updated_at":"2026-01-03T00:00:00Z"}],
  "next_cursor":null,"total":2})";

TEST_F(DataHubAddress, FollowsTheListWithoutNewHistoryEntriesOrRequests) {
  Open("#/connectors");
  AnswerAll(kTwoRows);
  ASSERT_TRUE(ui.Click("Search", draw));
  ui.Type("erp", draw);
  EXPECT_TRUE(platform.pending.empty()) << "no request per key";
  EXPECT_EQ(platform.hash, "#/connectors") << "the address waits with the search";
  ui.Wait(DataHubState::kSearchPause, draw);
  ASSERT_EQ(platform.pending.size(), 1u) << "one request once typing paused";
  EXPECT_EQ(platform.hash, "#/connectors?q=erp");
  AnswerAll(kTwoRows);
  ASSERT_TRUE(ui.Click("Disabled", draw));
  EXPECT_EQ(platform.hash, "#/connectors?q=erp&status=disabled");
  EXPECT_EQ(platform.pending.size(), 1u) << "the filter's own request, and no other";
  AnswerAll(kTwoRows);
  ASSERT_TRUE(ui.Click("Name", draw));  // descending
  Frames();
  EXPECT_EQ(platform.hash, "#/connectors?q=erp&status=disabled&sort=-name");
  EXPECT_TRUE(platform.pending.empty()) << "every row is here: sorted without a request";
  EXPECT_TRUE(platform.history.empty()) << "replaced: back leaves the list, not a filter";
}

TEST_F(DataHubAddress, AReloadShowsTheListItNamesWithOneRequest) {
  const char* address = "#/connectors?q=erp&status=disabled&sort=-name";
  Open(address);
  ASSERT_EQ(platform.pending.size(), 1u);
  const std::string url = platform.pending.front().request.url;
  EXPECT_NE(url.find("q=erp&status=disabled"), std::string::npos) << url;
  EXPECT_NE(url.find("sort=-name"), std::string::npos) << url;
  AnswerAll(kTwoRows);
  Frames();
  EXPECT_TRUE(platform.pending.empty()) << "the table showing the sort loads nothing more";
  EXPECT_EQ(platform.hash, address);
  EXPECT_EQ(Item("Search").value, "erp");
  EXPECT_EQ(Item("Disabled").checked, 1);
  EXPECT_LT(Item("ERP production").y, Item("analytics").y) << "by name, descending";
  // The Name header shows descending: one click turns it to ascending.
  ASSERT_TRUE(ui.Click("Name", draw));
  Frames();
  EXPECT_EQ(platform.hash, "#/connectors?q=erp&status=disabled");
  EXPECT_GT(Item("ERP production").y, Item("analytics").y);
}

TEST_F(DataHubAddress, AChangedAddressLoadsItsListOnce) {
  Open("#/connectors");
  AnswerAll(kTwoRows);
  // Back, forward, or an address typed over: values the list does not know are left out.
  platform.hash = "#/connectors?status=active&sort=-updated_at&x=1&q=";
  app.OnAddressChanged();
  Frames();
  ASSERT_EQ(platform.pending.size(), 1u);
  const std::string url = platform.pending.front().request.url;
  EXPECT_NE(url.find("status=active"), std::string::npos) << url;
  EXPECT_NE(url.find("sort=-updated_at"), std::string::npos) << url;
  EXPECT_EQ(url.find("q="), std::string::npos) << url;
  AnswerAll(kTwoRows);
  EXPECT_TRUE(platform.pending.empty());
  EXPECT_EQ(Item("Active").checked, 1);
  // The headers show the sort by Updated: a click on Name sorts by name, ascending.
  ASSERT_TRUE(ui.Click("Name", draw));
  Frames();
  EXPECT_EQ(platform.hash, "#/connectors?status=active");
  EXPECT_TRUE(platform.pending.empty());
  platform.hash = "#/connectors?status=paused";
  app.OnAddressChanged();
  Frames();
  ASSERT_EQ(platform.pending.size(), 1u) << "an unknown status is no status";
  EXPECT_EQ(platform.pending.front().request.url.find("status="), std::string::npos);
}

TEST_F(DataHubAddress, BackToTheDataHubIsTheListAsItWasLeft) {
  Open("#/connectors");
  AnswerAll(kTwoRows);
  ASSERT_TRUE(ui.Click("Disabled", draw));
  AnswerAll(kTwoRows);
  ASSERT_TRUE(ui.Click("Configure a new Connector", draw));
  Frames();
  EXPECT_EQ(platform.hash, "#/connectors/new");
  EXPECT_EQ(platform.history.back(), "#/connectors?status=disabled") << "what back returns to";
  ASSERT_TRUE(ui.Click("← Data Hub", draw));
  Frames();
  EXPECT_EQ(platform.hash, "#/connectors?status=disabled");
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_NE(platform.pending.front().request.url.find("status=disabled"), std::string::npos);
}

}  // namespace
}  // namespace datahub::web

namespace datahub::web {
namespace {

// An 800x600 window: the toolbar's tools wrap rather than overlap.
TEST(DataHubNarrow, TheTransferButtonsDoNotCoverFailingOnly) {
  testing::HeadlessUi ui(800, 600);
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  App app{platform, api};
  const std::function<void()> draw = [&app] { app.Draw(); };
  platform.hash = "#token=tok";
  app.SetFonts(ui.Fonts());
  app.Start();
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  for (int i = 0; i < 3; ++i) ui.Frame(draw);
  const ProbeItem* failing = ui.Probe().Find("Failing only");
  const ProbeItem* import = ui.Probe().Find("Import…");
  ASSERT_NE(failing, nullptr);
  ASSERT_NE(import, nullptr);
  const bool apart = import->x >= failing->x + failing->w || import->y >= failing->y + failing->h;
  EXPECT_TRUE(apart) << "Failing only at x " << failing->x << "+" << failing->w << ", Import… at x "
                     << import->x << " y " << import->y << " (Failing only y " << failing->y << ")";
}

}  // namespace
}  // namespace datahub::web
