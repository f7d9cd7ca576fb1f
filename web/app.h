// The application: which screen shows (from the address), the view states behind the screens,
// and the "datahub: ready" signal. Host-independent: the browser and native tests drive it alike.
#pragma once

#include <string>

#include "api_client.h"
#include "api_client_http.h"
#include "api_people.h"
#include "connector_screens.h"
#include "data_hub_state.h"
#include "platform.h"
#include "route.h"
#include "session_state.h"
#include "tokens_state.h"
#include "transfer_state.h"
#include "ui_fonts.h"
#include "users_state.h"

namespace datahub::web {

class App {
 public:
  App(Platform& platform, ApiClient& api, PeopleApi& people);
  App(Platform& platform, HttpApiClient& api) : App(platform, api, api) {}

  // Asks who is signed in (or exchanges a "#token=..." link, or opens the "#setup=..." form),
  // then opens the screen the address names.
  void Start();
  void SetFonts(const UiFonts& fonts) { m_fonts = fonts; }
  // One frame's windows, between ImGui::NewFrame() and ImGui::Render(). Asks the platform for
  // the next frame only when something moves without input (Platform::WakeAfter).
  void Draw();
  // After the frame was rendered: announces readiness once the first screen is drawn with data.
  void AfterRender();
  // The address changed (back/forward, a typed or bookmarked address).
  void OnAddressChanged();

  // The route shown, for window.__ui.screen(): "#/connectors", ..., "#/login" or "#/setup".
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
  // Signed in or out: the role the screens draw for, and the screen's data loaded again.
  void OnSessionChanged();
  void DrawSignedOut();
  void DrawHeader();
  // A screen the role may not open leads to the Data Hub.
  Route Allowed(const Route& route) const;
  bool SignedIn() const { return m_session.SignedIn(); }
  bool OnConnectorScreen() const {
    return SignedIn() &&
           (m_route.screen == Screen::NewConnector || m_route.screen == Screen::Connector);
  }

  Platform& m_platform;
  PeopleApi& m_people;
  SessionState m_session;
  UsersState m_users;    // "Users" (admin)
  TokensState m_tokens;  // "API tokens"
  DataHubState m_data_hub;
  ConnectorScreens m_connectors;  // "Configure a new Connector", "Manage a connector"
  ExportDialogState m_export;     // the Data Hub's Export… and Import… dialogs
  ImportDialogState m_import;
  UiFonts m_fonts;
  Route m_route;
  bool m_focus_screen = false;   // the header bar was clicked: the screen takes the keyboard
  bool m_frame_settled = false;  // the frame being drawn shows its data (or its error)
  bool m_ready_logged = false;
  std::string m_title;           // last set, so the browser hears only of changes
  bool m_leave_warning = false;  // last set
};

}  // namespace datahub::web
