#include "ui_widgets.h"

#include <string>
#include <utility>

#include "imgui.h"
#include "imgui_internal.h"  // the active text field's state; key ownership
#include "ui_probe.h"
#include "ui_style.h"

namespace datahub::web {

bool PrimaryButton(const char* label) {
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(37, 99, 235, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(29, 78, 216, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(30, 64, 175, 255));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(29, 78, 216, 255));
  bool clicked = ImGui::Button(label);
  ImGui::PopStyleColor(5);
  return clicked;
}

bool BeginDialog(const char* title) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  // Read by Begin only: popped at once.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, style.PopupRounding);
  bool open = ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PopStyleVar(2);
  return open;
}

namespace {
bool s_focus_next_screen = false;
}  // namespace

void FocusScreenOnNextBegin() {
  s_focus_next_screen = true;
}

bool BeginScreen(const char* name) {
  if (std::exchange(s_focus_next_screen, false)) ImGui::SetNextWindowFocus();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  return ImGui::Begin(name, nullptr, flags);
}

void ProblemBanner(const Problem& problem, unsigned serial) {
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, kColorErrorFill);
  ImGui::PushStyleColor(ImGuiCol_Border, kColorErrorBorder);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, style.FrameRounding);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(style.FramePadding.x * 1.5f, style.FramePadding.y * 1.5f));
  ImGui::BeginChild("##problem", ImVec2(0, 0),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY |
                        ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PushStyleColor(ImGuiCol_Text, kColorErrorText);
  std::string title = problem.title;
  if (problem.status > 0) title += " (HTTP " + std::to_string(problem.status) + ")";
  Label(title.c_str());
  ImGui::PopStyleColor();
  LabelWrapped(problem.detail.c_str());
  std::string said = title;
  if (!problem.detail.empty()) said += ". " + problem.detail;
  ProbeAnnounce("problem." + std::to_string(serial), said, true);
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
}

void KeepFieldTextOnEscape() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (ImGui::GetInputTextState(g.ActiveId) && ImGui::IsKeyPressed(ImGuiKey_Escape, true))
    ImGui::SetKeyOwner(ImGuiKey_Escape, ImGuiKeyOwner_Any, ImGuiInputFlags_LockThisFrame);
}

void KeepFocusOnIdleEscape() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.ActiveId != 0 || !g.OpenPopupStack.empty() || g.NavLayer != ImGuiNavLayer_Main) return;
  // Owned by someone else, ImGui's navigation (which asks for an unowned key) leaves Escape
  // alone at the next NewFrame; screens asking for any owner still see it.
  static const ImGuiID owner = ImHashStr("KeepFocusOnIdleEscape");
  ImGui::SetKeyOwner(ImGuiKey_Escape, owner);
}

void ActivateFocusedOnEnterOrSpace() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!g.NavDisableHighlight || g.NavId == 0 || !g.NavWindow || g.ActiveId != 0) return;
  for (const ImGuiInputEvent& e : g.InputEventsQueue) {
    if (e.Type != ImGuiInputEventType_Key || !e.Key.Down) continue;
    const ImGuiKey key = e.Key.Key;
    if (key == ImGuiKey_Enter || key == ImGuiKey_KeypadEnter || key == ImGuiKey_Space) {
      g.NavDisableHighlight = false;  // what ImGui's activation asks for
      return;
    }
  }
}

// In the window's storage: the field asked for is activated on a later frame, when the focus
// request has been resolved.
constexpr const char* kCaretToEndKey = "##caret_to_end";

void FocusTextFieldHere() {
  ImGui::SetKeyboardFocusHere();
  ImGui::GetStateStorage()->SetBool(ImGui::GetID(kCaretToEndKey), true);
}

void CaretAtEndOnFocus() {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID(kCaretToEndKey);
  if (!ImGui::IsItemActivated() || !storage->GetBool(key)) return;
  storage->SetBool(key, false);
  if (ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetItemID())) {
    state->Stb.cursor = state->CurLenW;
    state->ClearSelection();
  }
}

void MutedText(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
  LabelWrapped(text);
  ImGui::PopStyleColor();
}

void Label(const char* text) {
  ImGui::TextUnformatted(text);
  ProbeLabelLastItem(text);
}

void LabelColored(ImU32 color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  Label(text);
  ImGui::PopStyleColor();
}

void LabelWrapped(const char* text) {
  // Within a wrap width set around it (a dialog that sizes itself has no edge to wrap at: its
  // sizes would become NaN), that one; else the window's edge.
  const bool own = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
  if (own) ImGui::PushTextWrapPos(0.0f);
  Label(text);
  if (own) ImGui::PopTextWrapPos();
}

}  // namespace datahub::web
