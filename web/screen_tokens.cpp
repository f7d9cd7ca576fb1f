// [SECTION] The list
// [SECTION] Create API token (and the token shown once)
// [SECTION] Revoke confirmation
#include "screen_tokens.h"

#include <string>

#include "imgui.h"
#include "people_fields.h"
#include "screen_users.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_time.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr const char* kCreateTitle = "Create API token";
constexpr const char* kRevokeTitle = "Revoke this API token?";

std::string TimeOr(const std::optional<std::string>& t, const char* none) {
  return t ? ShownTime(*t, TimePrecision::Minutes) : none;
}

// [SECTION] The list

void DrawTokenRow(TokensState& state, const ApiToken& t, bool owners) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  Label(t.name.c_str());
  if (owners) {
    ImGui::TableNextColumn();
    Label(t.owner.c_str());
  }
  ImGui::TableNextColumn();
  Label(std::string(role_name(t.role)).c_str());
  ImGui::TableNextColumn();
  std::string scope = "All connectors";
  if (t.connector_ids) {
    scope.clear();
    for (const std::string& id : *t.connector_ids) scope += (scope.empty() ? "" : ", ") + id;
  }
  Label(scope.c_str());
  ImGui::TableNextColumn();
  Label(TimeOr(t.expires_at, "never").c_str());
  ImGui::TableNextColumn();
  Label(TimeOr(t.last_used_at, "never used").c_str());
  ImGui::TableNextColumn();
  ImGui::PushID(t.id.c_str());
  if (ImGui::SmallButton("Revoke")) state.AskRevoke(t);
  ProbeLabelLastItem(("Revoke " + t.name).c_str());
  ImGui::PopID();
}

void DrawTokenTable(TokensState& state) {
  if (state.Settled() && state.Tokens().empty() && !state.ListProblem()) {
    MutedText(
        "No API tokens yet. Programs that call the Data Hub need one: use “Create API "
        "token”.");
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  // An admin sees everyone's tokens: whose each is.
  const bool owners = state.OwnRole() == Role::Admin;
  if (!ImGui::BeginTable("##tokens", owners ? 7 : 6, flags)) return;
  // Weights of their own: a column's first-frame auto weight can be 0 (an empty header), and 0/0
  // made the window's content size NaN.
  const ImGuiTableColumnFlags stretch = ImGuiTableColumnFlags_WidthStretch;
  ImGui::TableSetupColumn("Name", stretch, 2.5f);
  if (owners) ImGui::TableSetupColumn("Owner", stretch, 1.5f);
  ImGui::TableSetupColumn("Role", stretch, 1.0f);
  ImGui::TableSetupColumn("Connectors", stretch, 2.0f);
  ImGui::TableSetupColumn("Expires", stretch, 1.5f);
  ImGui::TableSetupColumn("Last used", stretch, 1.5f);
  ImGui::TableSetupColumn("", stretch, 1.0f);
  ImGui::TableHeadersRow();
  for (const ApiToken& t : state.Tokens()) DrawTokenRow(state, t, owners);
  ImGui::EndTable();
}

// [SECTION] Create API token (and the token shown once)

void DrawCreatedToken(TokensState& state, const CreatedToken& created, const UiFonts& fonts) {
  LabelColored(kColorActive, ("Token “" + created.token.name + "” created").c_str());
  LabelColored(kColorWarnText,
               "Copy it now: it will not be shown again. Keep it where its program reads it.");
  ImGui::Spacing();
  // The token in a read-only field a person can select; a screen reader hears it too.
  std::string shown = created.secret;
  ImGui::SetNextItemWidth(420 * fonts.scale);
  ImGui::InputText("##New token", shown.data(), shown.size() + 1, ImGuiInputTextFlags_ReadOnly);
  ProbeLabelLastItem("New token");
  ProbeSetValue(created.secret);
  ImGui::SameLine();
  if (ImGui::Button("Copy")) ImGui::SetClipboardText(created.secret.c_str());
  ImGui::Spacing();
  if (PrimaryButton("Done") || EscapePressed()) {
    state.CloseDialog();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SetItemDefaultFocus();
}

void DrawCreateForm(TokensState& state, const UiFonts& fonts) {
  PeopleForm& form = state.CreateForm();
  const float width = 380 * fonts.scale;
  FormProblem(form);
  bool submit = FormField(form, {"Name", "name", false, width}, /*first=*/true);
  RoleChoice("Role", state.CreateRole(), state.OwnRole());
  submit |= FormField(form, {"Connector IDs (optional)", "connector_ids", false, width});
  MutedText("Comma-separated. Empty: every connector; otherwise the others are hidden from it.");
  submit |= FormField(form, {"Expires on (optional)", "expires_at", false, width});
  MutedText("A date as YYYY-MM-DD (UTC, end of that day). Empty: it does not expire.");
  form.focus_first = false;
  ImGui::Spacing();
  ImGui::BeginDisabled(form.busy);
  submit |= PrimaryButton("Create token");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || EscapePressed()) {
    state.CloseDialog();
    ImGui::CloseCurrentPopup();
  }
  if (submit && state.Creating()) state.SubmitCreate();
}

void DrawCreateDialog(TokensState& state, const UiFonts& fonts) {
  if (!state.Creating()) return;
  if (!ImGui::IsPopupOpen(kCreateTitle)) ImGui::OpenPopup(kCreateTitle);
  if (!BeginDialog(kCreateTitle)) return state.CloseDialog();
  // Wrapped text in a dialog that sizes itself needs a width of its own (else NaN sizes).
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 420 * fonts.scale);
  if (state.Created())
    DrawCreatedToken(state, *state.Created(), fonts);
  else
    DrawCreateForm(state, fonts);
  ImGui::PopTextWrapPos();
  ImGui::EndPopup();
}

// [SECTION] Revoke confirmation

void DrawRevokeDialog(TokensState& state) {
  if (!state.Revoking()) return;
  if (!ImGui::IsPopupOpen(kRevokeTitle)) ImGui::OpenPopup(kRevokeTitle);
  if (!BeginDialog(kRevokeTitle)) return state.CloseDialog();
  Label(("Programs using “" + state.Revoking()->name + "” will be refused from now on.").c_str());
  LabelColored(kColorErrorText, "This action is irreversible.");
  ImGui::Spacing();
  const bool confirm = ImGui::Button("Revoke token");
  ImGui::SameLine();
  const bool cancel = ImGui::Button("Cancel") || EscapePressed();
  ImGui::SetItemDefaultFocus();  // the safe choice on arrival
  if (confirm) state.ConfirmRevoke();
  if (cancel) state.CloseDialog();
  if (confirm || cancel) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace

void DrawTokens(TokensState& state, const UiFonts& fonts) {
  if (BeginScreen("API tokens")) {
    ImGui::PushFont(fonts.heading);
    Label("API tokens");
    ProbeSetRole(ProbeRole::Heading, 1);
    ImGui::PopFont();
    const float width =
        ImGui::CalcTextSize("Create API token").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - width);
    if (PrimaryButton("Create API token")) state.StartCreate();
    MutedText(
        "Programs calling the Data Hub's API use these instead of a person's password. A "
        "token's role is at most yours.");
    ImGui::Spacing();
    if (state.ListProblem()) ProblemBanner(*state.ListProblem());
    if (!state.Settled() && state.Tokens().empty()) MutedText("Loading API tokens…");
    DrawTokenTable(state);
    DrawCreateDialog(state, fonts);
    DrawRevokeDialog(state);
  }
  ImGui::End();
}

}  // namespace datahub::web
