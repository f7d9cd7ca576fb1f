// What moves without input, and what the browser shows around the canvas: the app asks the
// platform for frames only while something animates or waits on a clock (spinner, toast expiry,
// a search waiting for typing to pause), asks nothing when idle, names the connector in the tab
// title and warns before a reload while changes are unsaved. Time is ImGui's simulated clock.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "app.h"
#include "fake_platform.h"
#include "headless_ui.h"
#include "test_result_panel.h"
#include "toasts.h"

namespace datahub::web {
namespace {

const char* kEmptyList = R"({"items":[],"next_cursor":null,"total":0})";
const char* kStored = R"({"id":"c_1","type":"api","name":"ERP production",
  "base_url":"https://erp.example.com","status":"disabled","auth":{"method":"none"},"headers":[],
  "timeout_ms":30000,"created_at":"2026-11-29T21:10:15Z","updated_at":"2026-11-29T21:10:15Z",
  "version":1})";

struct FramesOnDemand : ::testing::Test {
  testing::HeadlessUi ui{1280, 1000};
  testing::FakePlatform platform;
  HttpApiClient api{platform};
  App app{platform, api};
  std::function<void()> draw = [this] { app.Draw(); };

  void Start(const char* hash) {
    platform.hash = hash;
    app.SetFonts(ui.Fonts());
    app.Start();
    Frames();
  }
  void Frames(int n = 3) {
    for (int i = 0; i < n; ++i) ui.Frame(draw);
  }
  void Answer(int status, std::string body, std::string etag = "") {
    auto p = std::move(platform.pending.front());
    platform.pending.pop_front();
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.etag = std::move(etag);
    p.done(std::move(r));
    Frames();
  }
  // The wake asked for by the frames drawn since the last call, or a negative number for none.
  double TakeWake() {
    double earliest = -1;
    for (double w : platform.wakes)
      if (earliest < 0 || w < earliest) earliest = w;
    platform.wakes.clear();
    return earliest;
  }
  bool Shows(std::string_view label) { return ui.Probe().Find(label) != nullptr; }
  void TypeInto(std::string_view label, std::string_view text) {
    ASSERT_TRUE(ui.Click(label, draw)) << "no item " << label;
    ui.Type(text, draw);
  }
  std::size_t ListRequests() const {
    return static_cast<std::size_t>(std::count_if(
        platform.pending.begin(), platform.pending.end(),
        [](const auto& p) { return p.request.url.rfind("/api/connectors?", 0) == 0; }));
  }
};

TEST_F(FramesOnDemand, IdleDataHubAsksForNoFrames) {
  Start("#/connectors");
  Answer(200, kEmptyList);
  TakeWake();
  Frames(5);
  EXPECT_LT(TakeWake(), 0) << "nothing moves: no frame is asked for";
}

TEST_F(FramesOnDemand, ARelativeTimeOnShowMovesOnOnceAMinute) {
  Start("#/connectors");
  Answer(200, R"({"items":[{"id":"c_1","type":"api","name":"Erp","base_url":"https://e",
    "status":"active","updated_at":"2026-01-02T00:00:00Z","health":{"state":"failing",
    "failing_since":"2026-01-01T00:00:00Z","last_failure_at":"2026-01-01T00:00:00Z"}}],
    "next_cursor":null,"total":1})");
  TakeWake();
  Frames(2);
  EXPECT_DOUBLE_EQ(TakeWake(), DataHubState::kRelativeTimeStep) << "\"failing since ...\" moves on";
}

TEST_F(FramesOnDemand, SearchGoesOutOnceTypingPauses) {
  Start("#/connectors");
  Answer(200, kEmptyList);
  TypeInto("Search", "erp");
  EXPECT_EQ(ListRequests(), 0u) << "no request per key";
  double wake = TakeWake();
  EXPECT_GT(wake, 0);
  EXPECT_LE(wake, DataHubState::kSearchPause);
  ui.Wait(DataHubState::kSearchPause, draw);
  ASSERT_EQ(ListRequests(), 1u) << "one request once typing paused";
  EXPECT_NE(platform.pending.back().request.url.find("q=erp"), std::string::npos);
  TakeWake();
  Answer(200, kEmptyList);
  EXPECT_TRUE(Shows("No connector matches the search or the status filter."));
  EXPECT_LT(TakeWake(), 0) << "idle again";
}

TEST_F(FramesOnDemand, SpinnerTurnsWhileTheTestRunsThenFramesStop) {
  Start("#/connectors/c_1");
  Answer(200, kStored, "\"1\"");
  ASSERT_TRUE(ui.Click("Test connection", draw));
  Frames();
  EXPECT_TRUE(Shows("Testing the connection…"));
  TakeWake();
  ui.Wait(kSpinnerStepSeconds, draw);
  EXPECT_DOUBLE_EQ(TakeWake(), kSpinnerStepSeconds) << "every spinner frame asks for the next";
  Answer(200, R"({"ok":true,"steps":[]})");
  EXPECT_TRUE(Shows("Connection works"));
  Frames();
  TakeWake();
  Frames();
  EXPECT_LT(TakeWake(), 0) << "the test is over: no more frames";
}

TEST_F(FramesOnDemand, ToastLeavesByItselfAfterItsTime) {
  Start("#/connectors/new");
  TypeInto("Connection name", "ERP production");
  TypeInto("Base URL", "https://erp.example.com");
  ASSERT_TRUE(ui.Click("Create", draw));
  ASSERT_EQ(platform.pending.size(), 1u);
  Answer(201, kStored, "\"1\"");
  Answer(200, kStored, "\"1\"");  // the new connector's screen loads it
  EXPECT_TRUE(Shows("Connector created"));
  double wake = TakeWake();
  EXPECT_GT(wake, Toasts::kSeconds - 0.5);
  EXPECT_LE(wake, Toasts::kSeconds + 0.1);
  ui.Wait(wake, draw);
  EXPECT_FALSE(Shows("Connector created"));
  TakeWake();
  Frames();
  EXPECT_LT(TakeWake(), 0) << "no toast left: idle";
}

TEST_F(FramesOnDemand, TabTitleNamesTheConnector) {
  Start("#/connectors/c_1");
  EXPECT_EQ(platform.title, "Connector · Data Hub") << "before it is loaded";
  Answer(200, kStored, "\"1\"");
  EXPECT_EQ(platform.title, "ERP production · Data Hub");
}

TEST_F(FramesOnDemand, ReloadIsQuestionedOnlyWhileChangesAreUnsaved) {
  Start("#/connectors/c_1");
  Answer(200, kStored, "\"1\"");
  EXPECT_FALSE(platform.leave_warning);
  TypeInto("Base URL", "/v2");
  Frames();
  EXPECT_TRUE(platform.leave_warning);
  ASSERT_TRUE(ui.Click("Save", draw));
  nlohmann::json saved = nlohmann::json::parse(kStored);
  saved["base_url"] = "https://erp.example.com/v2";
  saved["version"] = 2;
  Answer(200, saved.dump(), "\"2\"");
  EXPECT_FALSE(platform.leave_warning) << "saved: nothing to lose";
}

}  // namespace
}  // namespace datahub::web
