#include "people_fields.h"

#include "form_fields.h"
#include "ui_probe.h"
#include "ui_widgets.h"

namespace datahub::web {

bool FormField(PeopleForm& form, const FieldSpec& spec, bool first) {
  std::string& value = form[spec.name];
  ImGui::TextUnformatted(spec.caption);
  const bool first_error = form.focus_first_error && form.errors.contains(spec.name);
  if ((first && form.focus_first) || form.focus_field == spec.name || first_error)
    FocusTextFieldHere();
  if (form.focus_field == spec.name) form.focus_field.clear();
  if (first_error) form.focus_first_error = false;
  ImGui::SetNextItemWidth(spec.width > 0 ? spec.width : -1);
  const std::string id = std::string("##") + spec.caption;
  ImGuiInputTextFlags flags = spec.secret ? ImGuiInputTextFlags_Password : 0;
  const bool changed = InputString(id.c_str(), "", value, flags);
  CaretAtEndOnFocus();
  const ImGuiID field = ImGui::GetItemID();
  ProbeLabelLastItem(spec.caption);
  ProbeSetValue(spec.secret ? SecretValueText(false, !value.empty()) : value);
  const bool entered = ImGui::IsItemFocused() && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                                                  ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false));
  // A message belongs to what was typed: typing again takes it away until the next submit.
  if (changed) form.errors.erase(spec.name);
  if (auto it = form.errors.find(spec.name); it != form.errors.end())
    Message(spec.caption, it->second, field);
  return entered;
}

void FormProblem(const PeopleForm& form) {
  if (form.problem) ProblemBanner(*form.problem, form.serial);
}

bool EscapePressed() {
  return ImGui::IsKeyPressed(ImGuiKey_Escape, false);
}

}  // namespace datahub::web
