#include "screen_connector_new.h"

#include "imgui.h"
#include "screen_connector_body.h"
#include "ui_probe.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

// Only the API Connector works today; the other types the platform knows are shown, greyed.
void DrawTypeChoice() {
  ImGui::TextUnformatted("Connector type");
  ProbeBeginGroup(ProbeRole::RadioGroup, "Connector type");
  ImGui::RadioButton("API Connector", true);
  ProbeSetRole(ProbeRole::Radio);
  ProbeSetChecked(true);
  ImGui::BeginDisabled();
  for (const char* other :
       {"FTP (not available)", "SFTP (not available)", "Mirakl (not available)"}) {
    ImGui::SameLine();
    ImGui::RadioButton(other, false);
    ProbeSetRole(ProbeRole::Radio);
    ProbeSetChecked(false);
  }
  ImGui::EndDisabled();
  ProbeEndGroup();
}

}  // namespace

NewConnectorActions DrawNewConnector(ConnectorEditor& editor, const UiFonts& fonts) {
  NewConnectorActions actions;
  if (BeginScreen("Configure a new Connector")) {
    if (ImGui::Button("← Data Hub")) actions.back = true;
    ImGui::PushFont(fonts.heading);
    Label("Configure a new Connector");
    ProbeSetRole(ProbeRole::Heading, 1);
    ImGui::PopFont();
    DrawTypeChoice();
    if (editor.Error()) ProblemBanner(*editor.Error(), editor.Refusals());
    if (DrawConnectorBody(editor, fonts, "Create")) editor.Submit();
  }
  ImGui::End();
  return actions;
}

}  // namespace datahub::web
