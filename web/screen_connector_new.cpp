#include "screen_connector_new.h"

#include "imgui.h"
#include "ui_widgets.h"

namespace datahub::web {

NewConnectorActions DrawNewConnector(const UiFonts& fonts) {
  NewConnectorActions actions;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::Begin("Configure a new Connector", nullptr, flags)) {
    if (ImGui::Button("← Data Hub")) actions.back = true;
    ImGui::PushFont(fonts.heading);
    Label("Configure a new Connector");
    ImGui::PopFont();
    Label("Connector type");
    ImGui::RadioButton("API Connector", true);
    ImGui::BeginDisabled();
    ImGui::RadioButton("FTP (not available)", false);
    ImGui::RadioButton("SFTP (not available)", false);
    ImGui::RadioButton("Mirakl (not available)", false);
    ImGui::EndDisabled();
    MutedText("The API Connector form is on its way.");
  }
  ImGui::End();
  return actions;
}

}  // namespace datahub::web
