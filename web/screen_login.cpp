#include "screen_login.h"

#include "imgui.h"
#include "people_fields.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

// A small centred card, as sign-in pages are.
bool BeginCard(const char* name, const UiFonts& fonts, float width) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float scale = fonts.scale;
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.4f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width * scale, 0));
  ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f * scale);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * scale, 20 * scale));
  return ImGui::Begin(name, nullptr, flags);
}

void EndCard() {
  ImGui::End();
  ImGui::PopStyleVar(3);
}

void Heading(const UiFonts& fonts, const char* text) {
  ImGui::PushFont(fonts.heading);
  Label(text);
  ProbeSetRole(ProbeRole::Heading, 1);
  ImGui::PopFont();
}

bool SubmitButton(const char* label, bool busy) {
  ImGui::Spacing();
  ImGui::BeginDisabled(busy);
  const bool clicked = PrimaryButton(label);
  ImGui::EndDisabled();
  return clicked;
}

}  // namespace

void DrawSignIn(SessionState& session, const UiFonts& fonts) {
  PeopleForm& form = session.SignInForm();
  if (BeginCard("Sign in", fonts, 400)) {
    Heading(fonts, "Sign in to the Data Hub");
    if (!session.Notice().empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kColorWarnText);
      LabelWrapped(session.Notice().c_str());
      ImGui::PopStyleColor();
      ProbeAnnounce("sign-in-notice", session.Notice(), false);
    }
    FormProblem(form);
    ImGui::Spacing();
    bool submit = FormField(form, {"Username", "username"}, /*first=*/true);
    submit |= FormField(form, {"Password", "password", /*secret=*/true});
    submit |= SubmitButton(form.busy ? "Signing in…###Sign in" : "Sign in", form.busy);
    ProbeLabelLastItem("Sign in");
    if (session.SsoOffered()) {
      ImGui::Spacing();
      MutedText("or");
      if (ImGui::Button("Sign in with SSO")) session.StartSso();
    }
    form.focus_first = false;
    if (submit) session.SubmitSignIn();
  }
  EndCard();
}

void DrawSetup(SessionState& session, const UiFonts& fonts) {
  PeopleForm& form = session.SetupForm();
  if (BeginCard("Create the first administrator", fonts, 440)) {
    Heading(fonts, "Create the first administrator");
    MutedText(
        "This account manages the Data Hub and its people. The password needs 12 "
        "characters or more.");
    FormProblem(form);
    ImGui::Spacing();
    bool submit = FormField(form, {"Username", "username"}, /*first=*/true);
    submit |= FormField(form, {"Display name", "display_name"});
    submit |= FormField(form, {"Password", "password", /*secret=*/true});
    submit |= FormField(form, {"Confirm password", "confirm", /*secret=*/true});
    submit |= SubmitButton("Create administrator", form.busy);
    form.focus_first = false;
    if (submit) session.SubmitSetup();
  }
  EndCard();
}

void DrawChecking(const UiFonts& fonts) {
  if (BeginCard("Signing in", fonts, 400)) MutedText("Signing in…");
  EndCard();
}

}  // namespace datahub::web
