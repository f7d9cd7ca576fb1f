#include "test_result_panel.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

std::string StepTitle(const TestStep& step) {
  if (step.name == "token") return "Token request";
  if (step.name == "request") return "Request";
  return step.name;
}

// "✓ HTTP 200 · 40 ms" or "× HTTP 401 · 12 ms".
std::string StepSummary(const TestStep& step) {
  std::string s = step.ok ? "✓ " : "× ";
  s += step.status > 0 ? "HTTP " + std::to_string(step.status) : "No answer";
  char latency[32];
  std::snprintf(latency, sizeof latency, " · %.0f ms", step.latency_ms);
  return s + latency;
}

void DrawHeadersTable(const TestStep& step) {
  if (step.headers.empty()) return;
  Label("Response headers");
  ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##headers", 2, flags)) return;
  for (const auto& [name, value] : step.headers) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kColorMuted), "%s", name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", value.c_str());
  }
  ImGui::EndTable();
}

void DrawBody(const TestStep& step, float scale) {
  if (step.body_preview.empty()) return;
  Label(step.body_truncated ? "Body (first bytes)" : "Body");
  // Read-only text field: selectable and copyable, never edited.
  ImGui::InputTextMultiline("##body", const_cast<char*>(step.body_preview.c_str()),
                            step.body_preview.size() + 1, ImVec2(-1, 140 * scale),
                            ImGuiInputTextFlags_ReadOnly);
}

void DrawStep(const TestStep& step, float scale) {
  ImGui::PushID(step.name.c_str());
  ImGui::Separator();
  Label(StepTitle(step).c_str());
  ImGui::SameLine();
  LabelColored(step.ok ? kColorActive : kColorErrorText, StepSummary(step).c_str());
  if (!step.url.empty()) MutedText((step.method + " " + step.url).c_str());
  if (!step.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorErrorText);
    LabelWrapped(step.error.c_str());
    ImGui::PopStyleColor();
  }
  if (!step.oauth_error.empty()) {
    std::string oauth = "OAuth error: " + step.oauth_error;
    if (!step.oauth_error_description.empty()) oauth += " — " + step.oauth_error_description;
    ImGui::PushStyleColor(ImGuiCol_Text, kColorErrorText);
    LabelWrapped(oauth.c_str());
    ImGui::PopStyleColor();
  }
  DrawHeadersTable(step);
  DrawBody(step, scale);
  ImGui::PopID();
}

}  // namespace

void Spinner(float radius) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 centre(pos.x + radius, pos.y + ImGui::GetTextLineHeight() * 0.5f);
  float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, radius, start, start + 4.5f, 24);
  draw->PathStroke(ImGui::GetColorU32(ImGuiCol_ButtonActive), 0, radius * 0.35f);
  ImGui::Dummy(ImVec2(radius * 2, ImGui::GetTextLineHeight()));
}

void DrawTestResultPanel(bool running, const std::optional<TestResult>& result,
                         const Problem* error, bool outdated, const UiFonts& fonts) {
  Label("Connection test");
  if (running) {
    Spinner(7 * fonts.scale);
    ImGui::SameLine();
    Label("Testing the connection…");
    return;
  }
  if (error) return ProblemBanner(*error);
  if (!result) {
    MutedText(
        "Test connection asks the token endpoint (OAuth 2.0) and then the base URL, and "
        "shows what they answered.");
    return;
  }
  if (outdated) {
    // Kept to compare with, but plainly not about the settings on screen.
    LabelColored(kColorWarnText, result->ok
                                     ? "Outdated: the connection worked with earlier settings"
                                     : "Outdated: the connection failed with earlier settings");
    MutedText("The settings changed since this test. Run Test connection again to check them.");
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
  } else {
    LabelColored(result->ok ? kColorActive : kColorErrorText,
                 result->ok ? "Connection works" : "Connection failed");
  }
  for (const TestStep& step : result->steps) DrawStep(step, fonts.scale);
  if (outdated) ImGui::PopStyleVar();
}

}  // namespace datahub::web
