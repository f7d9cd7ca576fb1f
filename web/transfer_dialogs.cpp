// Both dialogs are a fixed width (text wraps inside it, the dialog grows only downwards), open
// with the focus in their first field, and close on Escape even while a field is being edited.
// [SECTION] Shared parts
// [SECTION] Export
// [SECTION] Import
#include "transfer_dialogs.h"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "imgui_internal.h"  // the key's own state: Escape is locked away from a field being edited
#include "ui_access.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kExportTitle = "Export connectors";
constexpr const char* kImportTitle = "Import connectors";
constexpr float kDialogWidth = 480;  // at scale 1

// [SECTION] Shared parts

float Width(const UiFonts& fonts) {
  return kDialogWidth * fonts.scale;
}

// Text wrapped at the dialog's width (not the window's, which follows its contents).
void Wrapped(ImU32 color, const std::string& text, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  Label(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

// Escape closes the dialog. KeepFieldTextOnEscape locks the key away from a field being edited
// (so it keeps its text), which hides it from IsKeyPressed too: the key's own state says it.
bool EscapePressed() {
  const ImGuiKeyData* key = ImGui::GetKeyData(ImGuiKey_Escape);
  return key->Down && key->DownDuration == 0.0f;
}

// An error message under the field `field` (its ImGui id), said with it to a screen reader.
void FieldMessage(const std::string& text, ImGuiID field, float width) {
  if (text.empty()) return;
  Wrapped(kColorErrorText, text, width);
  ProbeSetErrorFor(field);
}

// A masked passphrase field; true when Enter was pressed in it.
bool PassphraseField(std::string& passphrase, const char* hint, bool focus, float width) {
  char buffer[1025] = {};  // the API's limit is 1024 bytes
  passphrase.copy(buffer, sizeof(buffer) - 1);
  ImGui::SetNextItemWidth(width);
  if (focus) FocusTextFieldHere();  // the caret after what is there, as a click puts it
  const bool entered =
      ImGui::InputTextWithHint("##Passphrase", hint, buffer, sizeof(buffer),
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  CaretAtEndOnFocus();
  passphrase = buffer;
  ProbeLabelLastItem("Passphrase");
  ProbeSetValue(SecretValueText(false, !passphrase.empty()));
  return entered;
}

// A problem of the whole request: its title (with the HTTP status) and its detail, in red, said
// at once to a screen reader.
void ProblemLines(const Problem& problem, const std::string& key, float width) {
  std::string title = problem.title;
  if (problem.status > 0) title += " (HTTP " + std::to_string(problem.status) + ")";
  Wrapped(kColorErrorText, title, width);
  if (!problem.detail.empty()) Wrapped(ImGui::GetColorU32(ImGuiCol_Text), problem.detail, width);
  ProbeAnnounce(key, problem.detail.empty() ? title : title + ". " + problem.detail, true);
}

// The primary button and Cancel (or Close); the primary one is disabled while `busy`.
struct Footer {
  bool primary = false;
  bool cancel = false;
};
Footer DrawFooter(const char* primary, bool busy, const char* cancel) {
  Footer f;
  ImGui::Spacing();
  ImGui::BeginDisabled(busy);
  f.primary = PrimaryButton(primary);
  ImGui::EndDisabled();
  ImGui::SameLine();
  f.cancel = ImGui::Button(cancel);
  if (busy) {
    ImGui::SameLine();
    LabelColored(kColorMuted, "Working…");
  }
  return f;
}

// [SECTION] Export

}  // namespace

void DrawExportDialog(ExportDialogState& state, const UiFonts& fonts) {
  if (state.TakeOpenRequest()) ImGui::OpenPopup(kExportTitle);
  if (!BeginDialog(kExportTitle)) return;
  const float width = Width(fonts);
  const bool appearing = ImGui::IsWindowAppearing();
  Wrapped(ImGui::GetColorU32(ImGuiCol_Text),
          "Saves every connector's settings to a JSON file, to import here or on another server.",
          width);
  ImGui::Spacing();
  bool submit = false;
  if (May(Action::ExportWithSecrets)) {
    ImGui::TextUnformatted("Passphrase (optional)");  // the field carries the name, as in the form
    const bool focus = state.TakePassphraseFocus() || appearing;
    submit = PassphraseField(state.passphrase, "12 characters or more", focus, width);
    FieldMessage(state.PassphraseError().empty() ? "" : "Passphrase " + state.PassphraseError(),
                 ImGui::GetItemID(), width);
    Wrapped(kColorMuted,
            "Without a passphrase, secrets (client secrets, passwords, secret headers, keys) are "
            "left out of the file. With one, they are sealed in it: the same passphrase opens "
            "them on import.",
            width);
  } else {
    // The server would refuse a passphrase (403): an admin's to give.
    state.passphrase.clear();
    Wrapped(kColorMuted,
            "Secrets (client secrets, passwords, secret headers, keys) are left out of the "
            "file: exporting them, sealed with a passphrase, needs the " +
                std::string(role_name(role_needed(Action::ExportWithSecrets))) + " role.",
            width);
  }
  if (const auto& error = state.Error()) {
    ImGui::Spacing();
    ProblemLines(*error, "export-problem", width);
  }
  const Footer footer = DrawFooter("Export", state.Busy(), "Cancel");
  if ((submit || footer.primary) && !state.Busy()) state.Submit();
  if (footer.cancel || EscapePressed() || state.TakeDone()) {
    state.passphrase.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// [SECTION] Import

namespace {

// A long file name is cut with "…" to keep the dialog's width, whole in a tooltip (and for the
// probe and the mirror).
void FileNameCut(const std::string& name, float room) {
  const ImVec2 size = ImGui::CalcTextSize(name.c_str());
  const float width = std::max(1.0f, std::min(size.x, room));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  // Level with the button's text.
  const float y = pos.y + ImGui::GetStyle().FramePadding.y;
  ImGui::Dummy(ImVec2(width, ImGui::GetFrameHeight()));
  ProbeLabelLastItem(name.c_str());
  const ImVec2 min(pos.x, y), max(pos.x + width, y + size.y);
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), min, max, max.x, max.x, name.c_str(),
                            nullptr, &size);
  if (size.x > width && ImGui::IsItemHovered() && ImGui::BeginTooltip()) {
    Label(name.c_str());
    ImGui::EndTooltip();
  }
}

void DrawFileChoice(ImportDialogState& state, bool appearing, float width) {
  ImGui::TextUnformatted("File");
  if (ImGui::Button("Choose file…")) state.ChooseFile();
  if (appearing) {
    // Focused with its focus frame shown, as Tab would: ImGui's first Tab from a button focused
    // unseen would only show the frame, not move on.
    ImGui::SetKeyboardFocusHere(-1);
    ImGui::GetCurrentContext()->NavDisableHighlight = false;
  }
  const ImGuiID button = ImGui::GetItemID();
  ImGui::SameLine();
  if (state.FileName().empty())
    LabelColored(kColorMuted, "No file chosen");
  else
    FileNameCut(state.FileName(),
                width - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x);
  FieldMessage(state.FileError(), button, width);
}

void DrawConflictChoice(ImportDialogState& state) {
  ImGui::TextUnformatted("When a connector of the same name exists");  // the group's name
  static constexpr struct {
    const char* label;
    OnConflict value;
  } kChoices[] = {{"Fail on conflict (default)", OnConflict::Fail},
                  {"Skip existing", OnConflict::Skip},
                  {"Replace existing", OnConflict::Replace}};
  ProbeBeginGroup(ProbeRole::RadioGroup, "When a connector of the same name exists");
  for (const auto& c : kChoices) {
    if (c.value != OnConflict::Fail) ImGui::SameLine();
    if (ImGui::RadioButton(c.label, state.on_conflict == c.value)) state.on_conflict = c.value;
    ProbeSetRole(ProbeRole::Radio);
    ProbeSetChecked(state.on_conflict == c.value);
  }
  ProbeEndGroup();
}

// Long lists (a document holds up to 1000 entries) scroll inside the dialog instead of making it
// taller than the page. Returns the width text wraps at; EndChild() it.
float BeginScrollList(const char* id, float width) {
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, width * 0.6f));
  ImGui::BeginChild(id, ImVec2(width, 0), ImGuiChildFlags_AutoResizeY,
                    ImGuiWindowFlags_NavFlattened);
  return width - ImGui::GetStyle().ScrollbarSize;
}

std::string Names(const std::vector<ImportedEntry>& entries) {
  std::string out;
  for (const ImportedEntry& e : entries) out += (out.empty() ? "" : ", ") + e.name;
  return out;
}

void DrawReport(const ImportDialogState& state, const ImportReport& report, float width) {
  const std::string summary = std::to_string(report.created.size()) + " created · " +
                              std::to_string(report.replaced.size()) + " replaced · " +
                              std::to_string(report.skipped.size()) + " skipped · " +
                              std::to_string(report.errors.size()) + " not imported";
  Label(summary.c_str());
  ProbeAnnounce("import-report", "Import done: " + summary);
  const float inner = BeginScrollList("##report", width);
  if (!report.created.empty()) Wrapped(kColorMuted, "Created: " + Names(report.created), inner);
  if (!report.replaced.empty()) Wrapped(kColorMuted, "Replaced: " + Names(report.replaced), inner);
  if (!report.skipped.empty()) Wrapped(kColorMuted, "Skipped: " + Names(report.skipped), inner);
  for (const auto& [index, problem] : report.errors) {
    std::string line = state.EntryLabel(index) + ": " + problem.title;
    if (!problem.detail.empty()) line += " — " + problem.detail;
    Wrapped(kColorErrorText, line, inner);
    ImGui::Indent();
    for (const FieldError& e : problem.errors)
      Wrapped(ImGui::GetColorU32(ImGuiCol_Text), ImportDialogState::FieldText(e),
              inner - ImGui::GetStyle().IndentSpacing);
    ImGui::Unindent();
  }
  ImGui::EndChild();
  if (!report.created.empty() || !report.replaced.empty())
    Wrapped(kColorWarnText,
            "Imported connectors start Disabled: activate each one once its connection works.",
            width);
}

void DrawRefusal(const ImportDialogState& state, const Problem& problem, float width) {
  ProblemLines(problem, "import-problem", width);
  Wrapped(kColorMuted, "Nothing was imported.", width);
  if (state.DocumentErrors().empty()) return;
  const float inner = BeginScrollList("##refusal", width);
  for (const std::string& line : state.DocumentErrors())
    Wrapped(ImGui::GetColorU32(ImGuiCol_Text), "• " + line, inner);
  ImGui::EndChild();
}

}  // namespace

void DrawImportDialog(ImportDialogState& state, const UiFonts& fonts) {
  if (state.TakeOpenRequest()) ImGui::OpenPopup(kImportTitle);
  if (!BeginDialog(kImportTitle)) return;
  const float width = Width(fonts);
  Wrapped(ImGui::GetColorU32(ImGuiCol_Text), "Adds the connectors of a file saved by Export.",
          width);
  ImGui::Spacing();
  DrawFileChoice(state, ImGui::IsWindowAppearing(), width);
  ImGui::Spacing();
  ImGui::TextUnformatted("Passphrase");
  bool submit = PassphraseField(state.passphrase, "the one the file was exported with",
                                state.TakePassphraseFocus(), width);
  FieldMessage(state.PassphraseError().empty() ? "" : "Passphrase " + state.PassphraseError(),
               ImGui::GetItemID(), width);
  Wrapped(kColorMuted,
          "Needed when the file's secrets are sealed. Without it, connectors that need a secret "
          "are not imported.",
          width);
  ImGui::Spacing();
  DrawConflictChoice(state);
  if (const auto& error = state.Error()) {
    ImGui::Spacing();
    DrawRefusal(state, *error, width);
  }
  if (const auto& report = state.Report()) {
    ImGui::Spacing();
    DrawReport(state, *report, width);
  }
  const Footer footer = DrawFooter("Import", state.Busy(), state.Report() ? "Close" : "Cancel");
  if ((submit || footer.primary) && !state.Busy()) state.Submit();
  if (footer.cancel || EscapePressed()) {
    state.passphrase.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace datahub::web
