// [SECTION] The list
// [SECTION] Add user and Edit user dialogs
#include "screen_users.h"

#include <string>

#include "imgui.h"
#include "people_fields.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_time.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kAddTitle = "Add user";
constexpr const char* kEditTitle = "Edit user";

// [SECTION] The list

void DrawUserRow(UsersState& state, const UserDoc& doc, const User& me) {
  const User& u = doc.user;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  Label(u.username.c_str());
  ImGui::TableNextColumn();
  Label(u.display_name.c_str());
  ImGui::TableNextColumn();
  Label(std::string(role_name(u.role)).c_str());
  ImGui::TableNextColumn();
  if (u.disabled)
    LabelColored(kColorErrorText, "Disabled");
  else
    LabelColored(kColorActive, "Enabled");
  ImGui::TableNextColumn();
  const std::string last =
      u.last_login_at ? ShownTime(*u.last_login_at, TimePrecision::Minutes) : "never";
  Label(last.c_str());
  ImGui::TableNextColumn();
  ImGui::PushID(u.id.c_str());
  if (ImGui::SmallButton("Edit")) state.StartEdit(doc);
  ProbeLabelLastItem(("Edit " + u.username).c_str());
  ImGui::PopID();
  if (u.id == me.id) {
    ImGui::SameLine();
    LabelColored(kColorMuted, "(you)");
  }
}

void DrawUserTable(UsersState& state, const User& me) {
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##users", 6, flags)) return;
  // Weights of their own: a column's first-frame auto weight can be 0 (an empty header), and 0/0
  // made the window's content size NaN.
  const ImGuiTableColumnFlags stretch = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn("Username", stretch, 2.0f);
  ImGui::TableSetupColumn("Display name", stretch, 2.5f);
  ImGui::TableSetupColumn("Role", stretch, 1.0f);
  ImGui::TableSetupColumn("Status", stretch, 1.0f);
  ImGui::TableSetupColumn("Last sign-in", stretch, 2.0f);
  ImGui::TableSetupColumn("", stretch, 1.2f);
  ImGui::TableHeadersRow();
  for (const UserDoc& doc : state.Users()) DrawUserRow(state, doc, me);
  ImGui::EndTable();
}

// [SECTION] Add user and Edit user dialogs

// Opens the popup on the frame the state asks for it; false while it should not show.
bool BeginPeopleDialog(const char* title, bool wanted, UsersState& state) {
  if (!wanted) return false;
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  if (!BeginDialog(title)) {
    state.CloseDialog();
    return false;
  }
  return true;
}

// Save and Cancel at the dialog's foot; Escape cancels (also while a field is being edited).
void DialogButtons(UsersState& state, PeopleForm& form, const char* submit_label, bool& submit) {
  ImGui::Spacing();
  ImGui::BeginDisabled(form.busy);
  submit |= PrimaryButton(submit_label);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || EscapePressed()) {
    state.CloseDialog();
    ImGui::CloseCurrentPopup();
  }
}

void DrawAddDialog(UsersState& state, const UiFonts& fonts) {
  if (!BeginPeopleDialog(kAddTitle, state.Adding(), state)) return;
  PeopleForm& form = state.AddForm();
  const float width = 360 * fonts.scale;
  // Wrapped text in a dialog that sizes itself needs a width of its own (else NaN sizes).
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  FormProblem(form);
  bool submit = FormField(form, {"Username", "username", false, width}, /*first=*/true);
  submit |= FormField(form, {"Display name", "display_name", false, width});
  RoleChoice("Role", state.AddRole());
  submit |= FormField(form, {"Password", "password", /*secret=*/true, width});
  MutedText("12 characters or more. Tell the person through a channel of your own.");
  form.focus_first = false;
  DialogButtons(state, form, "Create user", submit);
  if (submit && state.Adding()) state.SubmitAdd();
  ImGui::PopTextWrapPos();
  ImGui::EndPopup();
}

void DrawEditDialog(UsersState& state, const UiFonts& fonts) {
  if (!BeginPeopleDialog(kEditTitle, state.Editing(), state)) return;
  PeopleForm& form = state.EditForm();
  const float width = 360 * fonts.scale;
  // Wrapped text in a dialog that sizes itself needs a width of its own (else NaN sizes).
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  Label(("Username: " + state.Edited().user.username).c_str());
  FormProblem(form);
  bool submit = FormField(form, {"Display name", "display_name", false, width}, /*first=*/true);
  RoleChoice("Role", state.EditRole());
  ImGui::Checkbox("Disabled (cannot sign in)", &state.EditDisabled());
  ProbeLabelLastItem("Disabled");
  ProbeSetRole(ProbeRole::CheckBox);
  ProbeSetChecked(state.EditDisabled());
  submit |= FormField(form, {"New password", "password", /*secret=*/true, width});
  MutedText("Leave empty to keep the password. A change signs the person out everywhere.");
  form.focus_first = false;
  DialogButtons(state, form, "Save user", submit);
  if (submit && state.Editing()) state.SubmitEdit();
  ImGui::PopTextWrapPos();
  ImGui::EndPopup();
}

}  // namespace

void RoleChoice(const char* question, Role& role, Role highest) {
  ImGui::TextUnformatted(question);
  ProbeBeginGroup(ProbeRole::RadioGroup, question);
  for (Role r : {Role::Viewer, Role::Operator, Role::Editor, Role::Admin}) {
    if (!role_allows(highest, r)) break;
    const std::string name(role_name(r));
    if (r != Role::Viewer) ImGui::SameLine();
    if (ImGui::RadioButton(name.c_str(), role == r)) role = r;
    ProbeLabelLastItem(name.c_str());
    ProbeSetRole(ProbeRole::Radio);
    ProbeSetChecked(role == r);
  }
  ProbeEndGroup();
}

void DrawUsers(UsersState& state, const User& me, const UiFonts& fonts) {
  if (BeginScreen("Users")) {
    ImGui::PushFont(fonts.heading);
    Label("Users");
    ProbeSetRole(ProbeRole::Heading, 1);
    ImGui::PopFont();
    const float add_width =
        ImGui::CalcTextSize("Add user").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - add_width);
    if (PrimaryButton("Add user")) state.StartAdd();
    MutedText(
        "People who sign in to the Data Hub. viewer reads; operator also tests, activates "
        "and disables; editor also creates, changes and deletes; admin also manages users.");
    ImGui::Spacing();
    if (state.ListProblem()) ProblemBanner(*state.ListProblem());
    if (!state.Settled() && state.Users().empty()) MutedText("Loading users…");
    DrawUserTable(state, me);
    DrawAddDialog(state, fonts);
    DrawEditDialog(state, fonts);
  }
  ImGui::End();
}

}  // namespace datahub::web
