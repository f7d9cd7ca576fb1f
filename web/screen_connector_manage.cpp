// [SECTION] Header: back, name, status, More actions
// [SECTION] Created as Disabled
// [SECTION] Delete confirmation
// [SECTION] Conflict (412)
// [SECTION] Screen
#include "screen_connector_manage.h"

#include <algorithm>
#include <string>

#include "health_view.h"
#include "history_panel.h"
#include "imgui.h"
#include "imgui_internal.h"  // RenderTextEllipsis
#include "screen_connector_body.h"
#include "ui_access.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_time.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kDeleteTitle = "Delete this connector?";
constexpr const char* kMoreMenu = "##more_actions";
constexpr ImU32 kDangerFill = IM_COL32(185, 28, 28, 255);
constexpr ImU32 kDangerHover = IM_COL32(153, 27, 27, 255);

// [SECTION] Header

// A menu item as a screen reader knows it: ImGui reports it as a checkbox (it can hold a tick).
// A role that may not take the action sees it disabled, the role it needs in a tooltip.
bool ActionItem(const char* label, bool enabled, Action action) {
  const bool clicked = ImGui::MenuItem(label, nullptr, false, enabled && May(action));
  ProbeSetRole(ProbeRole::MenuItem);
  if (!May(action) && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", role_needed_text(action).c_str());
  return clicked;
}

void DrawMoreActions(ConnectorEditor& editor, ManageView& view) {
  if (ImGui::Button("More actions")) ImGui::OpenPopup(kMoreMenu);
  ProbeSetExpanded(ImGui::IsPopupOpen(kMoreMenu));
  if (!ImGui::BeginPopup(kMoreMenu)) return;
  ProbeBeginGroup(ProbeRole::Menu, "More actions");
  const bool active = editor.Loaded()->status == ConnectorStatus::Active;
  const bool idle = !editor.Busy();
  if (ActionItem("Activate", idle && !active, Action::SetConnectorStatus))
    editor.SetStatus(ConnectorStatus::Active);
  if (ActionItem("Disable", idle && active, Action::SetConnectorStatus))
    editor.SetStatus(ConnectorStatus::Disabled);
  ImGui::Separator();
  if (ActionItem("Delete", idle, Action::DeleteConnector)) view.ask_delete = true;
  ProbeEndGroup();
  ImGui::EndPopup();
}

// "Health: Failing · failing since 12 min ago · Last failure: invalid_client, ... (12 min ago)".
void DrawHealthLine(const ConnectorHealth& health) {
  const auto now = Clock::now();
  const ImU32 color = HealthColor(health.state);
  std::string line =
      std::string("Health: ") + HealthWord(health.state) + " · " + HealthCellText(health, now);
  if (const std::string failure = LastFailureText(health, now); !failure.empty())
    line += " · " + failure;
  ImGui::PushTextWrapPos(0.0f);  // a narrow window wraps it rather than cutting the time off
  LabelColored(color, line.c_str());
  ImGui::PopTextWrapPos();
}

void DrawHeader(ConnectorEditor& editor, ManageView& view, const UiFonts& fonts,
                ManageScreenActions& actions) {
  if (ImGui::Button("← Data Hub")) actions.back = true;
  if (!editor.Loaded()) return;
  const Connector& c = *editor.Loaded();
  const ImGuiStyle& style = ImGui::GetStyle();
  bool active = c.status == ConnectorStatus::Active;
  const char* status = active ? "Active" : "Disabled";
  float width = ImGui::CalcTextSize("More actions").x + style.FramePadding.x * 2;
  // A long name is cut with "…" (whole in a tooltip) so the status and More actions keep
  // their place on a narrow window.
  const float name_room = ImGui::GetContentRegionMax().x - width - ImGui::GetCursorPosX() -
                          ImGui::CalcTextSize(status).x - style.ItemSpacing.x * 3;
  ImGui::PushFont(fonts.heading);
  const ImVec2 name_size = ImGui::CalcTextSize(c.name.c_str());
  const float name_width = std::max(1.0f, std::min(name_size.x, name_room));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(name_width, name_size.y));
  ProbeLabelLastItem(c.name.c_str());
  ProbeSetRole(ProbeRole::Heading, 1);
  const ImVec2 max(pos.x + name_width, pos.y + name_size.y);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, max, max.x, max.x, c.name.c_str(),
                            nullptr, &name_size);
  ImGui::PopFont();
  if (name_size.x > name_width && ImGui::IsItemHovered() && ImGui::BeginTooltip()) {
    Label(c.name.c_str());
    ImGui::EndTooltip();
  }
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                       (fonts.heading->FontSize - ImGui::GetTextLineHeight()) * 0.5f);
  LabelColored(active ? kColorActive : kColorDisabled, status);
  if (Shows(Action::SetConnectorStatus)) {  // a viewer changes nothing
    ImGui::SameLine(ImGui::GetContentRegionMax().x - width);
    DrawMoreActions(editor, view);
  }
  std::string meta = "API Connector · version " + std::to_string(c.version) + " · updated " +
                     ShownTime(c.updated_at, TimePrecision::Minutes);
  MutedText(meta.c_str());
  DrawHealthLine(editor.Health());
}

// [SECTION] Created as Disabled

// A connector starts Disabled: right after Create the screen says so and offers to activate it.
void DrawCreatedDisabled(ConnectorEditor& editor, ManageView& view) {
  const Connector& c = *editor.Loaded();
  if (view.created_id != c.id) return;
  if (c.status != ConnectorStatus::Disabled) {
    view.created_id.clear();  // activated: nothing more to say
    return;
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 251, 235, 255));
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(252, 211, 77, 255));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, style.FrameRounding);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
  ImGui::BeginChild(
      "##created_disabled", ImVec2(0, 0),
      ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
      ImGuiWindowFlags_NavFlattened);
  LabelColored(kColorWarnText, "Created as Disabled: no import or export uses it yet.");
  MutedText("Activate it once the connection works; More actions can disable it again.");
  // Said as well as shown: the toast "Connector created" alone would hide that it is not in use.
  ProbeAnnounce("created-disabled." + c.id,
                "Created as Disabled: no import or export uses it yet. The button Activate now "
                "activates it.");
  ImGui::BeginDisabled(editor.Busy() || !May(Action::SetConnectorStatus));
  if (PrimaryButton("Activate now")) editor.SetStatus(ConnectorStatus::Active);
  ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

// [SECTION] Delete confirmation

void DangerButtonColors() {
  ImGui::PushStyleColor(ImGuiCol_Button, kDangerFill);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kDangerHover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, kDangerHover);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
}

// Irreversible, so only an explicit click on the red button deletes; Enter does nothing here,
// Escape and Cancel leave everything as it was.
void DrawDeleteConfirmation(ConnectorEditor& editor, ManageView& view) {
  if (view.ask_delete) {
    view.ask_delete = false;
    ImGui::OpenPopup(kDeleteTitle);
  }
  if (!BeginDialog(kDeleteTitle)) return;
  std::string what = "“" + editor.Loaded()->name + "” and its stored secrets will be deleted.";
  Label(what.c_str());
  LabelColored(kColorErrorText, "This action is irreversible.");
  ImGui::Spacing();
  DangerButtonColors();
  bool confirm = ImGui::Button("Delete connector");
  ImGui::PopStyleColor(4);
  ImGui::SameLine();
  bool cancel = ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape, false);
  ImGui::SetItemDefaultFocus();  // the safe choice: Enter on arrival deletes nothing
  if (confirm) editor.Delete();
  if (confirm || cancel) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// [SECTION] Conflict (412)

void DrawConflict(ConnectorEditor& editor) {
  Problem p = *editor.Error();
  p.title = "Someone else saved this connector first";
  p.detail =
      "Your changes were not saved. Reload to see the stored settings, then make your "
      "changes again.";
  ProblemBanner(p);
  if (ImGui::Button("Reload")) editor.Reload();
}

// [SECTION] Screen

void DrawTabs(ConnectorEditor& editor, const UiFonts& fonts) {
  if (!ImGui::BeginTabBar("##tabs")) return;
  ProbeBeginGroup(ProbeRole::TabList, "Connector views");
  // Both tabs first, then the selected one's contents: the tab order follows the screen
  // (Settings, History, then the fields), not the order the contents were drawn in.
  // Tabs report no label to the test engine by themselves: the probe gets theirs here.
  bool settings = ImGui::BeginTabItem("Settings");
  ProbeLabelLastItem("Settings");
  ProbeSetRole(ProbeRole::Tab);
  ProbeSetChecked(settings);
  if (settings) ImGui::EndTabItem();
  bool history = ImGui::BeginTabItem("History");
  ProbeLabelLastItem("History");
  ProbeSetRole(ProbeRole::Tab);
  ProbeSetChecked(history);
  if (history) ImGui::EndTabItem();
  ProbeEndGroup();
  ImGui::EndTabBar();
  if (settings && DrawConnectorBody(editor, fonts, "Save")) editor.Submit();
  if (history) {
    editor.EnsureHistory();  // loaded once; every later change reloads it
    ImGui::BeginChild("##history", ImVec2(0, 0), ImGuiChildFlags_Border);  // padded, like the form
    DrawHistoryPanel(editor.HistoryLoaded(), editor.History(), editor.HistoryError());
    ImGui::EndChild();
  }
}

}  // namespace

ManageScreenActions DrawManageConnector(ConnectorEditor& editor, ManageView& view,
                                        const UiFonts& fonts) {
  ManageScreenActions actions;
  if (BeginScreen("Manage a connector")) {
    DrawHeader(editor, view, fonts, actions);
    if (editor.Conflict())
      DrawConflict(editor);
    else if (editor.Error())
      ProblemBanner(*editor.Error(), editor.Refusals());
    if (editor.Loading() && !editor.Loaded()) MutedText("Loading the connector…");
    if (editor.Loaded()) {
      DrawCreatedDisabled(editor, view);
      DrawTabs(editor, fonts);
      DrawDeleteConfirmation(editor, view);
    }
  }
  ImGui::End();
  return actions;
}

}  // namespace datahub::web
