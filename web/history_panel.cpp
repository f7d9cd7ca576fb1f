#include "history_panel.h"

#include <string>

#include "history_labels.h"
#include "imgui.h"
#include "ui_style.h"
#include "ui_time.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

std::string ActionText(const std::string& action) {
  if (action.empty()) return action;
  std::string s = action;
  s[0] = static_cast<char>(s[0] - ('a' <= s[0] && s[0] <= 'z' ? 32 : 0));
  return s;
}

void DrawEntry(const HistoryEntry& e) {
  std::string heading = ActionText(e.action) + " · version " + std::to_string(e.version);
  Label(heading.c_str());
  ImGui::SameLine();
  LabelColored(kColorMuted, ShownTime(e.at, TimePrecision::Seconds).c_str());
  if (!e.actor.empty()) {
    ImGui::SameLine();
    LabelColored(kColorMuted, ("by " + e.actor).c_str());
  }
  ImGui::Indent();
  for (const HistoryChange& c : e.changes) {  // in the form's order (ConnectorEditor::LoadHistory)
    LabelWrapped(ChangeText(c).c_str());
  }
  ImGui::Unindent();
  ImGui::Separator();
}

}  // namespace

void DrawHistoryPanel(bool loaded, const std::vector<HistoryEntry>& history,
                      const std::optional<Problem>& error) {
  if (error) return ProblemBanner(*error);
  if (!loaded) return MutedText("Loading the history…");
  if (history.empty()) return MutedText("No changes recorded yet.");
  for (std::size_t i = 0; i < history.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    DrawEntry(history[i]);
    ImGui::PopID();
  }
}

}  // namespace datahub::web
