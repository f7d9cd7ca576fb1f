// The probe as browser tests rely on it to scroll like a person: an item scrolled out of its
// window is reported as not visible, with the window's visible rectangle, and a button that
// ImGui no longer names (it names only visible widgets) keeps the label it had. And what it
// gives the screen-reader mirror: containers before their members, announcements by key.
#include "ui_probe.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// A screen with a radio group, a section's error message, a modal dialog holding a button, and
// something to say. `errors`: the error messages the probe had seen when the dialog began.
void DrawGroupsAndDialog(std::vector<std::string>& errors) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Screen", nullptr, ImGuiWindowFlags_NoDecoration);
  ProbeBeginGroup(ProbeRole::RadioGroup, "Choice");
  ImGui::RadioButton("One", true);
  ProbeSetRole(ProbeRole::Radio);
  ProbeSetChecked(true);
  ProbeEndGroup();
  ImGui::TextUnformatted("Headers: two rows have the same name");
  ProbeLabelLastItem("Headers: two rows have the same name");
  ProbeSetErrorFor(0);  // under no one field: still an error a refusal names
  errors = ProbeFieldErrors();
  if (!ImGui::IsPopupOpen("Sure?")) ImGui::OpenPopup("Sure?");
  if (ImGui::BeginPopupModal("Sure?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Button("Cancel");
    ImGui::EndPopup();
  }
  ProbeAnnounce("count", "3 of 7 connectors", false, 1000);
  ImGui::End();
}

const nlohmann::json* Entry(const nlohmann::json& mirror, std::string_view role,
                            std::string_view label) {
  for (const nlohmann::json& item : mirror)
    if (item.value("role", "") == role && item.value("label", "") == label) return &item;
  return nullptr;
}

TEST(UiProbe, GivesTheMirrorContainersBeforeTheirMembersAndAnnouncementsByKey) {
  testing::HeadlessUi ui(800, 600);
  std::vector<std::string> errors;
  ui.Frames(3, [&] { DrawGroupsAndDialog(errors); });
  EXPECT_EQ(errors, std::vector<std::string>{"Headers: two rows have the same name"});
  const nlohmann::json mirror = nlohmann::json::parse(ui.Probe().MirrorJsonIfChanged());
  const nlohmann::json* group = Entry(mirror, "radiogroup", "Choice");
  const nlohmann::json* radio = Entry(mirror, "radio", "One");
  const nlohmann::json* dialog = Entry(mirror, "dialog", "Sure?");
  const nlohmann::json* cancel = Entry(mirror, "button", "Cancel");
  ASSERT_TRUE(group && radio && dialog && cancel) << mirror.dump();
  EXPECT_TRUE(group->value("container", false));
  EXPECT_EQ(radio->value("group", 0u), group->value("id", 1u));
  EXPECT_LT(group - &mirror[0], radio - &mirror[0]) << "a container comes before its members";
  EXPECT_EQ(cancel->value("group", 0u), dialog->value("id", 1u)) << "a modal is a dialog by itself";
  const nlohmann::json* said = Entry(mirror, "status", "3 of 7 connectors");
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(said->value("key", ""), "say.count");
  EXPECT_EQ(said->value("delay", 0), 1000);
}

}  // namespace
}  // namespace datahub::web
