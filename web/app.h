// The application: which screen shows (from the address), the view states behind the screens,
// and the "datahub: ready" signal. Host-independent: the browser and native tests drive it alike.
#pragma once

#include <string>

#include "api_client.h"
#include "connector_screens.h"
#include "data_hub_state.h"
#include "platform.h"
#include "route.h"
#include "screen_login.h"
#include "transfer_state.h"
#include "ui_fonts.h"

namespace datahub::web {

class App {
 public:
  App(Platform& platform, ApiClient& api);

  // Signs in from "#token=..." when present, then opens the screen the address names.
  void Start();
  void SetFonts(const UiFonts& fonts) { m_fonts = fonts; }
  // One frame's windows, between ImGui::NewFrame() and ImGui::Render(). Asks the platform for
  // the next frame only when something moves without input (Platform::WakeAfter).
  void Draw();
  // After the frame was rendered: announces readiness once the first screen is drawn with data.
  void AfterRender();
  // The address changed (back/forward, a typed or bookmarked address).
  void OnAddressChanged();

  // The route shown, for window.__ui.screen(): "#/connectors", ..., or "#/login".
  std::string ScreenName() const;

 private:
  void Navigate(const Route& route);
  void Show(const Route& route);
  void DrawScreen();
  void GoTo(const std::string& hash);  // "" stays
  void KeepListInAddress();
  // After each frame: what the browser shows around the canvas follows the app's state.
  void AskForFrames();
  void UpdateTitle();
  void UpdateLeaveWarning();
  bool OnConnectorScreen() const { return m_signed_in && m_route.screen != Screen::DataHub; }

  Platform& m_platform;
  DataHubState m_data_hub;
  ConnectorScreens m_connectors;  // "Configure a new Connector", "Manage a connector"
  ExportDialogState m_export;     // the Data Hub's Export… and Import… dialogs
  ImportDialogState m_import;
  LoginForm m_login;
  UiFonts m_fonts;
  Route m_route;
  bool m_signed_in = false;
  bool m_frame_settled = false;  // the frame being drawn shows its data (or its error)
  bool m_ready_logged = false;
  std::string m_title;           // last set, so the browser hears only of changes
  bool m_leave_warning = false;  // last set
};

}  // namespace datahub::web
