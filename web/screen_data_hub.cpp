// Layout: heading and primary action, a problem banner when the list could not be loaded, the
// count, then the table, whose empty state points to the primary action.
#include "screen_data_hub.h"

#include <string>

#include "health_view.h"
#include "imgui.h"
#include "imgui_internal.h"  // NavDisableHighlight: show where Tab put the focus
#include "ui_access.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_time.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kConfigureLabel = "Configure a new Connector";

bool TabPressed(bool shift) {
  return ImGui::IsKeyPressed(ImGuiKey_Tab, false) && ImGui::GetIO().KeyShift == shift &&
         !ImGui::GetIO().KeyCtrl;
}

// Focus the last drawn item and show the keyboard highlight on it (the Tab that asked for it
// is ImGui's own sign that the keyboard is in use).
void FocusLastItem() {
  ImGui::SetKeyboardFocusHere(-1);
  ImGui::GetCurrentContext()->NavDisableHighlight = false;
}

// The last item has the focus and the keyboard is in use (ImGui shows its focus frame).
bool KeyboardFocused() {
  return ImGui::IsItemFocused() && !ImGui::GetCurrentContext()->NavDisableHighlight;
}

void DrawHeader(DataHubState& state, const UiFonts& fonts, DataHubActions& actions) {
  ImGui::PushFont(fonts.heading);
  Label("Data Hub");
  ProbeSetRole(ProbeRole::Heading, 1);
  ImGui::PopFont();
  // The primary action sits at the right edge, vertically centred on the heading.
  const ImGuiStyle& style = ImGui::GetStyle();
  float button_width = ImGui::CalcTextSize(kConfigureLabel).x + style.FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button_width);
  float heading_height = fonts.heading->FontSize;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (heading_height - ImGui::GetFrameHeight()) * 0.5f);
  if (Shows(Action::CreateConnector)) {
    BeginAction(Action::CreateConnector);
    if (PrimaryButton(kConfigureLabel)) {
      actions.configure_new = true;
      state.OpenedRow("", false);  // back from the new form: no row to return to
    }
    EndAction(Action::CreateConnector);
  } else {
    ImGui::NewLine();
  }
  if (state.TakeFocus(ListFocus::Top)) FocusLastItem();
  MutedText("API Connectors link the Data Hub to ERPs, PIMs and other systems over HTTP.");
  ImGui::Spacing();
}

void DrawCount(const DataHubState& state) {
  std::string count;
  if (!state.Settled())
    count = "Loading connectors…";
  else if (state.Error() && state.Rows().empty())
    count = "Connectors unavailable";
  else if (state.Filtered() && state.TotalOfAll())
    count = std::to_string(state.Total()) + " of " + std::to_string(*state.TotalOfAll()) +
            (*state.TotalOfAll() == 1 ? " connector" : " connectors");
  else
    count = std::to_string(state.Total()) + (state.Total() == 1 ? " connector" : " connectors");
  LabelColored(kColorMuted, count.c_str());
  // Said once the search and the filter rested for a second with their answer on screen: not at
  // every letter typed, and never the count of the query before.
  constexpr int kCountPauseMs = 1000;
  if (state.CountCurrent() && state.QueryChangedByUser())
    ProbeAnnounce("count", count, false, kCountPauseMs);
}

// Import… and Export… (transfer_dialogs.cpp) at the toolbar's right end, last in its tab order.
void DrawTransferButtons(DataHubState& state, DataHubActions& actions) {
  if (!Shows(Action::ImportConnectors)) return;  // a viewer moves no connector in or out
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize("Import…").x + ImGui::CalcTextSize("Export…").x +
                      style.FramePadding.x * 4 + style.ItemSpacing.x;
  const float right = ImGui::GetContentRegionMax().x - width;
  ImGui::SameLine();  // where the last tool ends: the buttons go on its line only if they fit
  if (ImGui::GetCursorPosX() + style.ItemSpacing.x <= right)
    ImGui::SameLine(right);
  else
    ImGui::NewLine();  // a narrow window: on a line of their own
  BeginAction(Action::ImportConnectors);
  if (ImGui::Button("Import…")) actions.open_import = true;
  EndAction(Action::ImportConnectors);
  ImGui::SameLine();
  BeginAction(Action::ExportConnectors);
  if (ImGui::Button("Export…")) actions.open_export = true;
  EndAction(Action::ExportConnectors);
  if (state.TakeFocus(ListFocus::LastTool)) FocusLastItem();
  // The table comes next in the screen's order (ImGui's Tab would wrap to the top).
  if (ImGui::IsItemFocused() && TabPressed(false) && state.Total() > 0)
    state.MoveFocus(ListFocus::FirstRow);
}

// The search box, the status filter, "Failing only" and the transfer buttons, on one line.
void DrawToolbar(DataHubState& state, const UiFonts& fonts, DataHubActions& actions) {
  char buffer[256] = {};
  state.Search().copy(buffer, sizeof(buffer) - 1);
  ImGui::SetNextItemWidth(320 * fonts.scale);
  if (state.TakeFocus(ListFocus::Search)) ImGui::SetKeyboardFocusHere();
  if (ImGui::InputTextWithHint("##Search", "Search by name or base URL", buffer, sizeof(buffer)))
    state.TypeSearch(buffer, ImGui::GetTime());
  ProbeLabelLastItem("Search");
  ProbeSetValue(buffer);
  ImGui::SameLine();
  if (!state.Search().empty()) {
    // The button goes away with the search: the focus goes back to the search field, not nowhere.
    if (ImGui::Button("×##clear")) {
      state.SetSearch("");
      state.MoveFocus(ListFocus::Search);
    }
    ProbeLabelLastItem("Clear search");
    // "×" alone says little: its tooltip shows on hover and when Tab brings the focus to it.
    if ((ImGui::IsItemHovered() || KeyboardFocused()) && ImGui::BeginTooltip()) {
      Label("Clear search");
      ImGui::EndTooltip();
    }
    ImGui::SameLine();
  }
  static constexpr struct {
    const char* label;
    StatusFilter filter;
  } kFilters[] = {{"All", StatusFilter::All},
                  {"Active", StatusFilter::Active},
                  {"Disabled", StatusFilter::Disabled}};
  // A segmented control: the selected filter looks pressed.
  ProbeBeginGroup(ProbeRole::RadioGroup, "Status filter");
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, ImGui::GetStyle().ItemSpacing.y));
  for (const auto& f : kFilters) {
    bool selected = state.Filter() == f.filter;
    if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_HeaderActive));
    ImGui::PushID(f.label);
    if (ImGui::Button(f.label)) state.SetStatusFilter(f.filter);
    ProbeSetRole(ProbeRole::Radio);  // one of three, as the pressed look says
    ProbeSetChecked(selected);
    ImGui::PopID();
    if (selected) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  ImGui::PopStyleVar();
  ProbeEndGroup();
  ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 3);
  bool failing_only = state.FailingOnly();
  if (ImGui::Checkbox("Failing only", &failing_only)) state.SetFailingOnly(failing_only);
  DrawTransferButtons(state, actions);
}

void DrawStatus(const std::string& status) {
  bool active = status == "active";
  LabelColored(active ? kColorActive : kColorDisabled, active                 ? "Active"
                                                       : status == "disabled" ? "Disabled"
                                                                              : status.c_str());
}

// A row the table shows before its page has arrived.
void DrawPlaceholderRow() {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("…");
}

// Text cut to its cell with "…", the whole of it in a tooltip on hover, or while its row has the
// keyboard focus (`row_focused`). The probe reports the whole text (what the row is).
void EllipsisText(const std::string& text, ImVec2 pos, float width, bool row_focused) {
  const ImVec2 max(pos.x + width, pos.y + ImGui::GetTextLineHeight());
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, max, max.x, max.x, text.c_str(),
                            nullptr, nullptr);
  // The row's selectable is the hovered item: the cell's own rectangle decides.
  const bool pointed = ImGui::IsMouseHoveringRect(pos, max) && ImGui::IsWindowHovered();
  if (ImGui::CalcTextSize(text.c_str()).x > width && (pointed || row_focused) &&
      ImGui::BeginTooltip()) {
    Label(text.c_str());
    ImGui::EndTooltip();
  }
}

void CellText(const std::string& text, bool row_focused) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
  ProbeLabelLastItem(text.c_str());
  EllipsisText(text, pos, width, row_focused);
}

// A coloured dot and "tested 5 min ago" / "failing since 12 min ago"; the last failure in a
// tooltip. The probe hears the state's word first ("Failing, failing since 12 min ago"). True
// when the text holds a time that moves on.
bool DrawHealth(const ConnectorHealth& health, bool row_focused) {
  const ImU32 color = HealthColor(health.state);
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float radius = line * 0.28f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 centre(pos.x + radius + 1, pos.y + line * 0.5f);
  if (health.state == HealthState::Unknown)
    draw->AddCircle(centre, radius, color, 0, 1.5f);  // hollow: nothing known yet
  else
    draw->AddCircleFilled(centre, radius, color);
  ImGui::SetCursorScreenPos(
      ImVec2(pos.x + radius * 2 + ImGui::GetStyle().ItemInnerSpacing.x, pos.y));
  const auto now = Clock::now();
  const std::string text = HealthCellText(health, now);
  const ImVec2 text_pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::Dummy(ImVec2(width, line));
  ProbeLabelLastItem((std::string(HealthWord(health.state)) + ", " + text).c_str());
  EllipsisText(text, text_pos, width, row_focused);
  const std::string failure = LastFailureText(health, now);
  if (!failure.empty() && ImGui::IsMouseHoveringRect(pos, ImVec2(pos.x + width, pos.y + line)) &&
      ImGui::IsWindowHovered() && ImGui::BeginTooltip()) {
    Label(failure.c_str());
    ImGui::EndTooltip();
  }
  return health.state == HealthState::Failing || !health.last_test_at.empty();
}

void DrawRow(DataHubState& state, const ConnectorRow& row, bool first, DataHubActions& actions) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(row.id.c_str());
  // One selectable spans the row, so a click anywhere on it (or Enter on it) opens the
  // connector. Rows are one stop in the tab order: arrows move between them.
  ImGui::PushTabStop(false);
  const ImVec2 name_pos = ImGui::GetCursorScreenPos();
  const float name_width = ImGui::GetContentRegionAvail().x;
  if (ImGui::Selectable("##open", false, ImGuiSelectableFlags_SpanAllColumns,
                        ImVec2(0, ImGui::GetTextLineHeight()))) {
    actions.open_id = row.id;
    state.OpenedRow(row.id, !ImGui::GetCurrentContext()->NavDisableHighlight);
  }
  ImGui::PopTabStop();
  ProbeLabelLastItem(row.name.c_str());
  ProbeSetRole(ProbeRole::Row);
  const bool row_focused = KeyboardFocused();
  EllipsisText(row.name, name_pos, name_width, row_focused);
  if (first && state.TakeFocus(ListFocus::FirstRow)) FocusLastItem();
  bool highlight = false;
  if (actions.open_id == row.id) {
    // Just opened (and focused): the focus is for when the list shows again.
  } else if (ImGui::IsItemFocused()) {
    state.RowFocused(row.id);
  } else if (state.ReturnFocus(row.id, &highlight)) {
    ImGui::SetKeyboardFocusHere(-1);
    if (highlight) ImGui::GetCurrentContext()->NavDisableHighlight = false;
  }
  if (ImGui::IsItemFocused()) {
    if (TabPressed(false)) state.MoveFocus(ListFocus::Top);
    if (TabPressed(true)) state.MoveFocus(ListFocus::LastTool);
  }
  ImGui::PopID();
  ImGui::TableNextColumn();
  Label(row.type == "api" ? "API Connector" : row.type.c_str());
  ImGui::TableNextColumn();
  CellText(row.base_url, row_focused);
  ImGui::TableNextColumn();
  DrawStatus(row.status);
  ImGui::TableNextColumn();
  if (DrawHealth(row.health, row_focused)) state.ShowsRelativeTime();
  ImGui::TableNextColumn();
  Label(ShownTime(row.updated_at, TimePrecision::Minutes).c_str());
}

void DrawEmptyState(const DataHubState& state) {
  if (!state.Settled()) return;
  ImGui::Spacing();
  const bool narrowed = !state.Search().empty() || state.Filter() != StatusFilter::All;
  const char* text = state.Error()                      ? "The connector list could not be loaded."
                     : state.FailingOnly() && !narrowed ? "No connector is failing."
                     : state.FailingOnly()
                         ? "No failing connector matches the search or the status filter."
                     : narrowed ? "No connector matches the search or the status filter."
                                : "No connectors yet. Use “Configure a new Connector” to add "
                                  "the first one.";
  float width = ImGui::CalcTextSize(text).x;
  float avail = ImGui::GetContentRegionAvail().x;
  if (width < avail) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
  LabelColored(kColorMuted, text);
}

// How the list is sorted by `column`, as its header shows it.
ProbeSort ColumnSort(int column) {
  const ImGuiTable* table = ImGui::GetCurrentTable();
  const ImGuiTableColumn& c = table->Columns[column];
  if (c.SortOrder != 0) return ProbeSort::None;  // sorted by another column first, or not at all
  return c.SortDirection == ImGuiSortDirection_Descending ? ProbeSort::Descending
                                                          : ProbeSort::Ascending;
}

// TableHeadersRow() without its labels hidden from the probe: tests find columns by name, and
// a screen reader hears which column sorts the list, and which way.
void DrawHeaderRow() {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ProbeBeginGroup(ProbeRole::ColumnHeaders, "Connectors");
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    if (!ImGui::TableSetColumnIndex(column)) continue;
    const char* name = ImGui::TableGetColumnName(column);
    ImGui::TableHeader(name);
    ProbeLabelLastItem(name);
    ProbeSetRole(ProbeRole::ColumnHeader);
    ProbeSetSort(ColumnSort(column));
  }
  ProbeEndGroup();
}

// A sort that came with an address (a reload, a bookmark, back or forward) shows on the column
// headers. The specs it dirties then hold the state's own sort: ApplySortSpecs loads nothing.
void ShowAddressSort(DataHubState& state) {
  if (!state.TakeTableSort()) return;
  const SortOrder sort = state.Sort();
  ImGui::TableSetColumnSortDirection(
      static_cast<int>(sort.column),
      sort.ascending ? ImGuiSortDirection_Ascending : ImGuiSortDirection_Descending, false);
}

void ApplySortSpecs(DataHubState& state) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || !specs->SpecsDirty) return;
  if (specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    state.SetSort({static_cast<SortColumn>(s.ColumnUserID),
                   s.SortDirection != ImGuiSortDirection_Descending});
  }
  specs->SpecsDirty = false;
}

// Every matching row has a line (Total()); the clipper draws only the visible ones and asks for
// the page under them as they scroll into view, so 100,000 connectors cost what a screenful
// does, and a jump to the end loads one page.
void DrawRows(DataHubState& state, DataHubActions& actions) {
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.Total()));
  while (clipper.Step()) {
    state.NeedRows(clipper.DisplayStart, clipper.DisplayEnd);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      if (const ConnectorRow* row = state.RowAt(i))
        DrawRow(state, *row, i == clipper.DisplayStart, actions);
      else
        DrawPlaceholderRow();
    }
  }
}

void DrawTable(DataHubState& state, DataHubActions& actions) {
  const bool empty = state.Rows().empty();
  ImGuiTableFlags flags = ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                          ImGuiTableFlags_Sortable;
  // With rows, the table fills the window and scrolls; empty, it is just its header.
  ImVec2 size(0, 0);
  if (!empty) {
    flags |= ImGuiTableFlags_ScrollY;
    size.y = ImGui::GetContentRegionAvail().y;
  }
  if (!ImGui::BeginTable("connectors", 6, flags, size)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const ImGuiTableColumnFlags stretch = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn("Name", stretch | ImGuiTableColumnFlags_DefaultSort, 3.0f,
                          static_cast<ImGuiID>(SortColumn::Name));
  ImGui::TableSetupColumn("Type", stretch, 1.5f, static_cast<ImGuiID>(SortColumn::Type));
  ImGui::TableSetupColumn("Base URL", stretch, 4.0f, static_cast<ImGuiID>(SortColumn::BaseUrl));
  ImGui::TableSetupColumn("Status", stretch, 1.2f, static_cast<ImGuiID>(SortColumn::Status));
  ImGui::TableSetupColumn("Health", stretch, 2.2f, static_cast<ImGuiID>(SortColumn::Health));
  ImGui::TableSetupColumn("Updated", stretch, 2.0f, static_cast<ImGuiID>(SortColumn::Updated));
  DrawHeaderRow();
  ShowAddressSort(state);
  ApplySortSpecs(state);
  DrawRows(state, actions);
  ImGui::EndTable();
  if (empty) DrawEmptyState(state);
}

}  // namespace

DataHubActions DrawDataHub(DataHubState& state, const UiFonts& fonts) {
  DataHubActions actions;
  state.Tick(ImGui::GetTime());
  if (BeginScreen("Data Hub")) {
    DrawHeader(state, fonts, actions);
    if (const auto& error = state.Error()) {
      ProblemBanner(*error);
      if (error->status == 401 && ImGui::Button("Sign in again")) actions.sign_in_again = true;
    }
    DrawToolbar(state, fonts, actions);
    DrawCount(state);
    DrawTable(state, actions);
  }
  ImGui::End();
  return actions;
}

}  // namespace datahub::web
