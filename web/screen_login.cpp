#include "screen_login.h"

#include "imgui.h"
#include "ui_probe.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

// ImGui edits a fixed buffer; the token is copied in and out around the widget.
bool InputToken(std::string& token) {
  char buffer[512] = {};
  token.copy(buffer, sizeof(buffer) - 1);
  ImGui::SetNextItemWidth(-1);
  bool entered =
      ImGui::InputText("##Admin token", buffer, sizeof(buffer),
                       ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ProbeLabelLastItem("Admin token");
  ProbeSetValue(SecretValueText(false, buffer[0] != '\0'));
  token = buffer;
  return entered;
}

}  // namespace

bool DrawLogin(LoginForm& form, const UiFonts& fonts) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float scale = fonts.scale;
  ImVec2 size(460 * scale, 0);  // the one-line explanation fits without an orphan word
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.35f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(size);
  bool submitted = false;
  ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f * scale);
  if (ImGui::Begin("Sign in", nullptr, flags)) {
    ImGui::PushFont(fonts.heading);
    Label("Data Hub");
    ProbeSetRole(ProbeRole::Heading, 1);
    ImGui::PopFont();
    MutedText("Sign in with the admin token printed by the server at its first start.");
    ImGui::TextUnformatted("Admin token");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool entered = InputToken(form.token);
    bool clicked = PrimaryButton("Sign in");
    submitted = (entered || clicked) && !form.token.empty();
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  return submitted;
}

}  // namespace datahub::web
