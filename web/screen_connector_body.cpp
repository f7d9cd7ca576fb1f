#include "screen_connector_body.h"

#include <algorithm>

#include <string>
#include <vector>

#include "imgui.h"
#include "screen_connector_form.h"
#include "test_result_panel.h"
#include "ui_access.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kLeaveTitle = "Unsaved changes";

// Field errors the form has no place for (e.g. "status"), and the problem behind them.
void DrawUnplacedErrors(const ConnectorEditor& editor) {
  for (const FieldError& e : editor.Form().UnplacedServerErrors()) {
    std::string text = e.field + " " + e.message;
    LabelColored(kColorErrorText, text.c_str());
  }
}

// A submit or test the form's own rules refused shows nothing but the messages under the fields:
// a screen reader hears it, and what to fix.
void AnnounceFormRefusal(const ConnectorEditor& editor) {
  const char* refused = editor.RefusedByForm();
  if (!refused) return;
  // The messages as the screen shows them, with their fields' captions.
  std::vector<std::string> messages = ProbeFieldErrors();
  if (messages.empty())
    for (const FieldError& e : editor.Form().ErrorsUnder("")) messages.push_back(e.message);
  std::string text = std::string(refused) + ": " + std::to_string(messages.size()) +
                     (messages.size() == 1 ? " field is not valid." : " fields are not valid.");
  for (const std::string& message : messages) {
    text += " " + message;
    if (!message.empty() && message.back() != '.') text += '.';
  }
  ProbeAnnounce("refused." + std::to_string(editor.Refusals()), text, true);
}

bool DrawFooter(ConnectorEditor& editor, const char* submit_label) {
  ImGui::Separator();
  if (!Shows(Action::TestConnector)) return false;  // a viewer: nothing to test or save
  ImGui::BeginDisabled(editor.Testing());
  BeginAction(Action::TestConnector);
  if (ImGui::Button("Test connection")) editor.Test();
  EndAction(Action::TestConnector);
  ImGui::EndDisabled();
  ImGui::SameLine();
  bool can_submit = editor.Mode() == EditorMode::New ? !editor.Busy() : editor.CanSave();
  ImGui::BeginDisabled(!can_submit);
  BeginAction(Action::EditConnector);
  bool submit = PrimaryButton(submit_label) && May(Action::EditConnector);
  EndAction(Action::EditConnector);
  ImGui::EndDisabled();
  if (editor.Busy()) {
    ImGui::SameLine();
    LabelColored(kColorMuted, "Working…");
  } else if (editor.Mode() == EditorMode::Manage && editor.Dirty()) {
    ImGui::SameLine();
    LabelColored(kColorMuted, "Unsaved changes");
  }
  return submit;
}

}  // namespace

bool DrawConnectorBody(ConnectorEditor& editor, const UiFonts& fonts, const char* submit_label) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float footer = ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y * 2;
  const float height = std::max(ImGui::GetContentRegionAvail().y - footer, 100 * fonts.scale);
  const float form_width = std::min(ImGui::GetContentRegionAvail().x * 0.55f, 620 * fonts.scale);
  bool submit = false;
  // A bordered, padded pane like the test panel beside it: fields scrolled away are cut at a
  // visible edge instead of at the bare edge of a white area.
  // Both panes share the screen's tab order (NavFlattened): Tab goes from the fields on to the
  // test panel and the footer's buttons, and from the screen's header into the fields.
  ImGui::BeginChild("##form", ImVec2(form_width, height), ImGuiChildFlags_Border,
                    ImGuiWindowFlags_NavFlattened);
  DrawUnplacedErrors(editor);
  // Who may not change the connector reads its settings, and is told why they are greyed.
  const bool may_edit = May(Action::EditConnector);
  if (!may_edit) {
    const std::string why = "Read only: changing this connector needs the editor role.";
    LabelColored(kColorMuted, why.c_str());
  }
  ImGui::BeginDisabled(!may_edit);
  submit = DrawConnectorForm(editor.Form(), fonts).submit && may_edit;
  ImGui::EndDisabled();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##test", ImVec2(0, height), ImGuiChildFlags_Border,
                    ImGuiWindowFlags_NavFlattened);
  DrawTestResultPanel(editor.Testing(), editor.LastTest(), editor.TestError(),
                      editor.TestOutdated(), editor.TestedTimeoutMs(), editor.TestRuns(), fonts);
  ImGui::EndChild();
  AnnounceFormRefusal(editor);
  // Enter submits even where the button is disabled? No: the same rule as the button.
  if (DrawFooter(editor, submit_label)) submit = true;
  if (!May(Action::EditConnector)) submit = false;
  return submit;
}

bool DrawLeaveQuestion(ConnectorEditor& editor) {
  if (!editor.PendingLeave().empty() && !ImGui::IsPopupOpen(kLeaveTitle))
    ImGui::OpenPopup(kLeaveTitle);
  bool discard = false;
  if (!BeginDialog(kLeaveTitle)) return false;
  Label("This connector has changes that are not saved.");
  Label("Leave and discard them?");
  ImGui::Spacing();
  if (ImGui::Button("Discard changes")) discard = true;
  ImGui::SameLine();
  bool keep = ImGui::Button("Keep editing") || ImGui::IsKeyPressed(ImGuiKey_Escape, false);
  ImGui::SetItemDefaultFocus();  // the safe choice: Enter on arrival discards nothing
  if (discard || keep) {
    if (keep) editor.CancelLeave();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return discard;
}

}  // namespace datahub::web
