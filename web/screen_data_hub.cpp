// Layout: heading and primary action, a problem banner when the list could not be loaded, the
// count, then the table, whose empty state points to the primary action.
#include "screen_data_hub.h"

#include <string>

#include "imgui.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kConfigureLabel = "Configure a new Connector";

// "2026-11-29T21:10:15Z" -> "2026-11-29 21:10": minutes are enough to scan a list.
std::string ShortTime(const std::string& rfc3339) {
  if (rfc3339.size() < 16) return rfc3339;
  std::string s = rfc3339.substr(0, 16);
  s[10] = ' ';
  return s + " UTC";
}

void DrawHeader(const UiFonts& fonts, DataHubActions& actions) {
  ImGui::PushFont(fonts.heading);
  Label("Data Hub");
  ImGui::PopFont();
  // The primary action sits at the right edge, vertically centred on the heading.
  const ImGuiStyle& style = ImGui::GetStyle();
  float button_width = ImGui::CalcTextSize(kConfigureLabel).x + style.FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button_width);
  float heading_height = fonts.heading->FontSize;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (heading_height - ImGui::GetFrameHeight()) * 0.5f);
  if (PrimaryButton(kConfigureLabel)) actions.configure_new = true;
  MutedText("API Connectors link the Data Hub to ERPs, PIMs and other systems over HTTP.");
  ImGui::Spacing();
}

void DrawCount(const DataHubState& state) {
  std::string count;
  if (!state.Settled())
    count = "Loading connectors…";
  else if (state.Error() && state.Rows().empty())
    count = "Connectors unavailable";
  else
    count = std::to_string(state.Total()) + (state.Total() == 1 ? " connector" : " connectors");
  LabelColored(kColorMuted, count.c_str());
}

void DrawStatus(const std::string& status) {
  bool active = status == "active";
  LabelColored(active ? kColorActive : kColorDisabled, active                 ? "Active"
                                                       : status == "disabled" ? "Disabled"
                                                                              : status.c_str());
}

void DrawRow(const ConnectorRow& row, DataHubActions& actions) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(row.id.c_str());
  // One selectable spans the row, so a click anywhere on it opens the connector.
  if (ImGui::Selectable(row.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
    actions.open_id = row.id;
  ImGui::PopID();
  ImGui::TableNextColumn();
  Label(row.type == "api" ? "API Connector" : row.type.c_str());
  ImGui::TableNextColumn();
  Label(row.base_url.c_str());
  ImGui::TableNextColumn();
  DrawStatus(row.status);
  ImGui::TableNextColumn();
  Label(ShortTime(row.updated_at).c_str());
}

void DrawEmptyState(const DataHubState& state) {
  if (!state.Settled()) return;
  ImGui::Spacing();
  const char* text =
      state.Error() ? "The connector list could not be loaded."
                    : "No connectors yet. Use “Configure a new Connector” to add the first one.";
  float width = ImGui::CalcTextSize(text).x;
  float avail = ImGui::GetContentRegionAvail().x;
  if (width < avail) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
  LabelColored(kColorMuted, text);
}

// TableHeadersRow() without its labels hidden from the probe: tests find columns by name.
void DrawHeaderRow() {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    if (!ImGui::TableSetColumnIndex(column)) continue;
    const char* name = ImGui::TableGetColumnName(column);
    ImGui::TableHeader(name);
    ProbeLabelLastItem(name);
  }
}

void DrawTable(const DataHubState& state, DataHubActions& actions) {
  const bool empty = state.Rows().empty();
  ImGuiTableFlags flags = ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  // With rows, the table fills the window and scrolls; empty, it is just its header.
  ImVec2 size(0, 0);
  if (!empty) {
    flags |= ImGuiTableFlags_ScrollY;
    size.y = ImGui::GetContentRegionAvail().y;
  }
  if (!ImGui::BeginTable("connectors", 5, flags, size)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn("Base URL", ImGuiTableColumnFlags_WidthStretch, 4.0f);
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Updated", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  DrawHeaderRow();
  for (const ConnectorRow& row : state.Rows()) DrawRow(row, actions);
  ImGui::EndTable();
  if (empty) DrawEmptyState(state);
}

}  // namespace

DataHubActions DrawDataHub(DataHubState& state, const UiFonts& fonts) {
  DataHubActions actions;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings |
                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("Data Hub", nullptr, flags)) {
    DrawHeader(fonts, actions);
    if (const auto& error = state.Error()) {
      ProblemBanner(*error);
      if (error->status == 401 && ImGui::Button("Sign in again")) actions.sign_in_again = true;
    }
    DrawCount(state);
    DrawTable(state, actions);
  }
  ImGui::End();
  return actions;
}

}  // namespace datahub::web
