// The probe as browser tests rely on it to scroll like a person: an item scrolled out of its
// window is reported as not visible, with the window's visible rectangle, and a button that
// ImGui no longer names (it names only visible widgets) keeps the label it had.
#include "ui_probe.h"

#include <gtest/gtest.h>

#include "headless_ui.h"
#include "imgui.h"

namespace datahub::web {
namespace {

// A short scrolling pane with a button at its top and text far below.
void DrawPane(float scroll_y) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Pane", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::BeginChild("##scroll", ImVec2(0, 200));
  if (scroll_y >= 0) ImGui::SetScrollY(scroll_y);
  ImGui::Button("Top button");
  ImGui::Dummy(ImVec2(10, 600));
  ImGui::TextUnformatted("Far below");
  ProbeLabelLastItem("Far below");
  ImGui::EndChild();
  ImGui::End();
}

TEST(UiProbe, ReportsWhatIsScrolledAwayAndRemembersLabels) {
  testing::HeadlessUi ui(800, 600);
  ui.Frames(2, [] { DrawPane(0); });
  const ProbeItem* top = ui.Probe().Find("Top button");
  ASSERT_NE(top, nullptr);
  EXPECT_TRUE(top->Visible());
  const ProbeItem* below = ui.Probe().Find("Far below");
  ASSERT_NE(below, nullptr) << "labelled text is reported even while scrolled away";
  EXPECT_FALSE(below->Visible());
  EXPECT_GT(below->y, below->clip_y + below->clip_h) << "it lies below the visible part";

  ui.Frames(2, [] { DrawPane(10000); });  // scrolled to the end
  below = ui.Probe().Find("Far below");
  ASSERT_NE(below, nullptr);
  EXPECT_TRUE(below->Visible());
  top = ui.Probe().Find("Top button");
  ASSERT_NE(top, nullptr) << "the button keeps its label once scrolled away";
  EXPECT_FALSE(top->Visible());
  EXPECT_LT(top->y, top->clip_y);
}

}  // namespace
}  // namespace datahub::web
