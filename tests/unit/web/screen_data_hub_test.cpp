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
};

TEST_F(DataHubScreen, EmptyListPointsToTheButton) {
  ASSERT_EQ(platform.pending.size(), 1u);
  Frames();
  EXPECT_TRUE(platform.console.empty()) << "not ready before the list arrived";
  platform.Answer(200, R"({"items":[],"next_cursor":null,"total":0})");
  Frames();
  EXPECT_EQ(platform.console, std::vector<std::string>{"datahub: ready"});
  EXPECT_TRUE(Shows("Configure a new Connector"));
  for (const char* column : {"Name", "Type", "Base URL", "Status", "Updated"})
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

TEST_F(DataHubScreen, RefusedTokenOffersToSignInAgain) {
  platform.Answer(401, R"({"type":"urn:datahub:problem:unauthorized","title":"Unauthorized",
    "status":401,"detail":"A valid admin token is required."})");
  Frames();
  EXPECT_TRUE(Shows("A valid admin token is required."));
  ASSERT_TRUE(ui.Click("Sign in again", draw));
  Frames();
  EXPECT_EQ(app.ScreenName(), "#/login");
  EXPECT_TRUE(platform.session.empty());
  EXPECT_TRUE(Shows("Sign in"));
}

}  // namespace
}  // namespace datahub::web
