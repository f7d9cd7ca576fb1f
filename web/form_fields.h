// The connector form's field helpers: caption, input (labelled for the probe and the screen-reader
// mirror), the message under it. Shared by the form's sections (screen_connector_form.cpp,
// form_connection_security.cpp) so every field behaves and reads the same.
#pragma once

#include <string>
#include <string_view>

#include "connector_form_state.h"
#include "imgui.h"
#include "ui_fonts.h"
#include "ui_probe.h"

namespace datahub::web {

struct FormActions {
  bool submit = false;  // Enter pressed in a text field
};

struct FormCtx {
  ConnectorFormState& state;
  const UiFonts& fonts;
  FormActions& actions;
};

// An InputText on a std::string (with a hint when `hint` is not empty). Returns true when the
// text changed.
bool InputString(const char* id, const char* hint, std::string& s, ImGuiInputTextFlags flags = 0);
// The same, several lines high (PEM text): Enter starts a new line instead of submitting.
bool InputMultiline(const char* id, const char* hint, std::string& s, const ImVec2& size,
                    ImGuiInputTextFlags flags = 0);
// A text field changed (judged only once left) and, when it is left after an edit, judged.
void TextEdited(FormCtx& c, bool changed, const std::string& path);
// Enter in a text field submits the form (docs/UI.md: "Enter submits a form").
void EnterSubmits(FormCtx& c);
// The message under a field; `field` (its ImGui id) is described by it for screen readers.
void Message(const std::string& caption, const std::string& message, ImGuiID field = 0);
void Caption(const char* caption, bool required);
// What the server holds of a write-only value, said beside its caption (or under a header row):
// "stored · changed 2026-12-06 09:22 UTC", the time from the history under `key`
// (ConnectorFormState::SecretChangedAt), or "stored" when the history does not say. Never the
// value, nor anything made from it.
std::string StoredNote(const FormCtx& c, std::string_view key);
void DrawStoredNote(const std::string& note);
float FieldWidth(const FormCtx& c);

// Caption, input, message. The input carries the caption as its probe label, so tests find the
// field by the words a person reads above it. A password field's text is never handed on: a
// screen reader hears whether it is `stored` or typed.
void TextField(FormCtx& c, const char* caption, const std::string& path, std::string& value,
               bool required = false, const char* hint = "", ImGuiInputTextFlags flags = 0,
               bool stored = false);
// A write-only value: never shown; a stored one reads "stored — type to replace".
void SecretField(FormCtx& c, const char* caption, const std::string& path, SecretInput& secret,
                 bool required = true);

// A radio button for one value of an enum; `probe_label` names it when its text is ambiguous.
template <class E>
void Choice(FormCtx& c, const char* label, const char* probe_label, E& value, E option,
            const char* path) {
  if (ImGui::RadioButton(label, value == option) && value != option) {
    value = option;
    c.state.Edited(path);
  }
  // Labelled even when scrolled out of view (ImGui names only drawn widgets): a radio group
  // below the fold still lists every choice.
  ProbeLabelLastItem(probe_label ? probe_label : label);
  ProbeSetRole(ProbeRole::Radio);
  ProbeSetChecked(value == option);
}

// A multi-line box for PEM text (pasted), labelled by its caption; returns its ImGui id.
ImGuiID PemBox(FormCtx& c, const char* caption, const std::string& path, std::string& text,
               const char* hint, ImGuiInputTextFlags flags = 0);

// A section's heading; `first`: at the top of the pane, level with the test panel's heading.
void SectionHeading(const char* text, bool first = false);

}  // namespace datahub::web
