#include "form_fields.h"

#include <algorithm>

#include "imgui_internal.h"  // InputTextEx (a multi-line field with a hint); the box's window
#include "ui_style.h"
#include "ui_time.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

int ResizeString(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

}  // namespace

bool InputString(const char* id, const char* hint, std::string& s, ImGuiInputTextFlags flags) {
  return ImGui::InputTextWithHint(id, hint, s.data(), s.capacity() + 1,
                                  flags | ImGuiInputTextFlags_CallbackResize, ResizeString, &s);
}

bool InputMultiline(const char* id, const char* hint, std::string& s, const ImVec2& size,
                    ImGuiInputTextFlags flags) {
  // ImGui's public multi-line field has no hint; InputTextEx has.
  const bool changed = ImGui::InputTextEx(
      id, hint, s.data(), static_cast<int>(s.capacity() + 1), size,
      flags | ImGuiInputTextFlags_Multiline | ImGuiInputTextFlags_CallbackResize, ResizeString, &s);
  // The box is a child window that scrolls on its own, and ImGui gives it every wheel turn over
  // it, even at its end: a person scrolling the form would get stuck on each PEM box. Unless it
  // is being edited, the wheel goes on to the form (the box keeps its scrollbar). Begin() sets a
  // window's flags afresh each frame, so this is said again each frame, for the next one's wheel.
  if (!ImGui::IsItemActive()) {
    char name[512];
    ImFormatString(name, sizeof name, "%s/%s_%08X", ImGui::GetCurrentWindow()->Name, id,
                   ImGui::GetID(id));
    if (ImGuiWindow* box = ImGui::FindWindowByName(name))
      box->Flags |= ImGuiWindowFlags_NoScrollWithMouse;
  }
  return changed;
}

void TextEdited(FormCtx& c, bool changed, const std::string& path) {
  if (changed) c.state.Edited(path, /*judge=*/false);
  if (ImGui::IsItemDeactivatedAfterEdit()) c.state.Judge(path);
}

void EnterSubmits(FormCtx& c) {
  if (ImGui::IsItemFocused() && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                                 ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)))
    c.actions.submit = true;
}

void Message(const std::string& caption, const std::string& message, ImGuiID field) {
  if (message.empty()) return;
  std::string text = caption.empty() ? message : caption + " " + message;
  ImGui::PushStyleColor(ImGuiCol_Text, kColorErrorText);
  LabelWrapped(text.c_str());
  ImGui::PopStyleColor();
  ProbeSetErrorFor(field);
}

void Caption(const char* caption, bool required) {
  ImGui::TextUnformatted(caption);
  if (required) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kColorMuted), "required");
  }
}

float FieldWidth(const FormCtx& c) {
  return std::min(ImGui::GetContentRegionAvail().x, 520 * c.fonts.scale);
}

std::string StoredNote(const FormCtx& c, std::string_view key) {
  const std::string at = c.state.SecretChangedAt(key);
  return at.empty() ? "stored" : "stored · changed " + ShownTime(at, TimePrecision::Minutes);
}

void DrawStoredNote(const std::string& note) {
  ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
  Label(note.c_str());
  ImGui::PopStyleColor();
}

namespace {

void Field(FormCtx& c, const char* caption, const std::string& path, std::string& value,
           bool required, const char* hint, ImGuiInputTextFlags flags, bool stored) {
  ImGui::SetNextItemWidth(FieldWidth(c));
  if (c.state.TakeFocus(path)) FocusTextFieldHere();
  TextEdited(c, InputString(("##" + path).c_str(), hint, value, flags), path);
  CaretAtEndOnFocus();
  ProbeLabelLastItem(caption);
  const bool secret = (flags & ImGuiInputTextFlags_Password) != 0;
  ProbeSetValue(secret ? SecretValueText(stored, !value.empty()) : value);
  if (required) ProbeSetRequired();
  const ImGuiID field = ImGui::GetItemID();
  EnterSubmits(c);
  Message(caption, c.state.ErrorFor(path), field);
  ImGui::Spacing();
}

}  // namespace

void TextField(FormCtx& c, const char* caption, const std::string& path, std::string& value,
               bool required, const char* hint, ImGuiInputTextFlags flags, bool stored) {
  Caption(caption, required);
  Field(c, caption, path, value, required, hint, flags, stored);
}

void SecretField(FormCtx& c, const char* caption, const std::string& path, SecretInput& secret,
                 bool required) {
  const bool kept = secret.stored && !secret.clear;
  const char* hint = kept ? "stored — type to replace" : secret.clear ? "removed on save" : "";
  Caption(caption, required);
  if (secret.stored) {
    ImGui::SameLine();
    DrawStoredNote(StoredNote(c, path));
  }
  Field(c, caption, path, secret.text, required, hint, ImGuiInputTextFlags_Password, kept);
}

ImGuiID PemBox(FormCtx& c, const char* caption, const std::string& path, std::string& text,
               const char* hint, ImGuiInputTextFlags flags) {
  const float height =
      ImGui::GetTextLineHeight() * 4 + ImGui::GetStyle().FramePadding.y * 2;  // four lines
  if (c.state.TakeFocus(path)) FocusTextFieldHere();
  TextEdited(
      c, InputMultiline(("##" + path).c_str(), hint, text, ImVec2(FieldWidth(c), height), flags),
      path);
  CaretAtEndOnFocus();
  ProbeLabelLastItem(caption);
  return ImGui::GetItemID();
}

void SectionHeading(const char* text, bool first) {
  if (!first) ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(15, 23, 42, 255));
  Label(text);
  ProbeSetRole(ProbeRole::Heading, 2);
  ImGui::PopStyleColor();
  ImGui::Separator();
  ImGui::Spacing();
}

}  // namespace datahub::web
