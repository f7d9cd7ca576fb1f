#include "app_header.h"

#include <string>

#include "imgui.h"
#include "imgui_internal.h"  // BeginViewportSideBar: the bar takes its height off the work area
#include "ui_access.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

// A link-like button, underlined-free, marked when its screen shows.
bool NavButton(const char* label, bool current) {
  if (current)
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool clicked = ImGui::Button(label);
  if (current) ImGui::PopStyleColor();
  return clicked;
}

}  // namespace

HeaderActions DrawAppHeader(const User& user, Screen shown) {
  HeaderActions actions;
  ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  // A slim bar: the screens' own padding would make it as tall as a heading.
  const ImVec2 padding(style.WindowPadding.x, style.FramePadding.y * 2);
  const float height = ImGui::GetFrameHeight() + padding.y * 2;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
  if (ImGui::BeginViewportSideBar("Header", viewport, ImGuiDir_Up, height, flags)) {
    if (NavButton("Connectors", shown == Screen::DataHub)) actions.data_hub = true;
    if (May(Action::ManageUsers)) {
      ImGui::SameLine();
      if (NavButton("Users", shown == Screen::Users)) actions.users = true;
    }
    ImGui::SameLine();
    if (NavButton("API tokens", shown == Screen::Tokens)) actions.tokens = true;

    // At the right: "Ada Lovelace · admin", then Sign out.
    const std::string who = (user.display_name.empty() ? user.username : user.display_name) +
                            " · " + std::string(role_name(user.role));
    const float sign_out_width = ImGui::CalcTextSize("Sign out").x + style.FramePadding.x * 2;
    const float who_width = ImGui::CalcTextSize(who.c_str()).x;
    ImGui::SameLine(ImGui::GetContentRegionMax().x - sign_out_width - who_width -
                    style.ItemSpacing.x * 2);
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    Label(who.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - sign_out_width);
    if (ImGui::Button("Sign out")) actions.sign_out = true;
    const bool clicked_bar = ImGui::IsWindowHovered() &&
                             ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
                             !ImGui::IsAnyItemHovered();
    actions.focus_screen = clicked_bar || actions.data_hub || actions.users || actions.tokens;
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  return actions;
}

}  // namespace datahub::web
