#include "app.h"

#include <optional>
#include <utility>

#include "app_header.h"
#include "imgui.h"
#include "screen_data_hub.h"
#include "screen_login.h"
#include "screen_tokens.h"
#include "screen_users.h"
#include "transfer_dialogs.h"
#include "ui_access.h"
#include "ui_widgets.h"

namespace datahub::web {

App::App(Platform& platform, ApiClient& api, PeopleApi& people)
    : m_platform(platform),
      m_people(people),
      m_session(people, platform),
      m_users(people),
      m_tokens(people),
      m_data_hub(api),
      m_connectors(api),
      m_export(api, platform, m_connectors.ToastList()),
      m_import(api, platform) {}

void App::Start() {
  m_session.Start(RouteHash(Route{}));
  m_route = ParseRoute(m_platform.Hash());
  // Known at once when the answer came at once (a test's platform): the screen loads now.
  if (m_session.TakeChanged())
    OnSessionChanged();
  else
    Show(m_route);
}

void App::OnAddressChanged() {
  // A pasted "#token=..." address signs in again (e.g. with another token).
  m_session.TakeAddress(RouteHash(Route{}));
  Route route = ParseRoute(m_platform.Hash());
  if (route == m_route) return;
  // Unsaved connector changes: stay (and put the address back) until the user answers.
  if (OnConnectorScreen() && !m_connectors.MayLeave(RouteHash(route))) {
    m_platform.SetHash(RouteHash(m_route), /*replace=*/true);
    return;
  }
  Show(route);
}

void App::Navigate(const Route& route) {
  if (route == m_route) return;
  m_platform.SetHash(RouteHash(route), /*replace=*/false);
  Show(route);
}

Route App::Allowed(const Route& route) const {
  const Role role = m_session.CurrentRole();
  if (route.screen == Screen::NewConnector && !role_may(role, Action::CreateConnector)) return {};
  if (route.screen == Screen::Users && !role_may(role, Action::ManageUsers)) return {};
  return route;
}

void App::Show(const Route& asked) {
  Route route = asked;
  if (SignedIn() && Allowed(route) != route) {
    route = Allowed(route);
    m_platform.SetHash(RouteHash(route), /*replace=*/true);
  }
  m_route = route;
  UpdateTitle();
  if (!SignedIn()) return;  // loaded once signed in (OnSessionChanged)
  // The list the address names, loaded once (search, filter and sort from a reload, a bookmark,
  // back or forward; the list as it was left from "← Data Hub", see GoTo).
  if (route.screen == Screen::DataHub) m_data_hub.OpenAddress(route.list);
  if (route.screen == Screen::NewConnector) m_connectors.ShowNew();
  if (route.screen == Screen::Connector) m_connectors.ShowConnector(route.id);
  if (route.screen == Screen::Users) m_users.Open();
  if (route.screen == Screen::Tokens) m_tokens.Open(m_session.CurrentRole());
}

void App::OnSessionChanged() {
  SetScreenRole(m_session.CurrentRole());
  m_users.Close();  // what an earlier session saw or typed is not kept
  m_tokens.Close();
  if (SignedIn()) {
    Show(m_route);
  } else {
    m_platform.SetLeaveWarning(false);
    m_leave_warning = false;
  }
}

void App::GoTo(const std::string& hash) {
  if (hash.empty()) return;
  Route route = ParseRoute(hash);
  // "← Data Hub" and a delete lead to "#/connectors": the list as it was left.
  if (route == Route{}) route.list = m_data_hub.Address();
  Navigate(route);
}

// The address follows the list's query as it changes, replacing its entry: a new filter or
// sort is no step back. Only the address changes here: nothing is loaded.
void App::KeepListInAddress() {
  const ListAddress list = m_data_hub.Address();
  if (list == m_route.list) return;
  m_route.list = list;
  m_platform.SetHash(RouteHash(m_route), /*replace=*/true);
}

std::string App::ScreenName() const {
  if (SignedIn()) return RouteHash(m_route);
  return m_session.Phase() == SessionPhase::Setup ? "#/setup" : "#/login";
}

void App::Draw() {
  m_frame_settled = false;
  if (!m_fonts.body) return;  // nothing to draw text with yet
  KeepFieldTextOnEscape();
  DrawScreen();
  KeepFocusOnIdleEscape();
  AskForFrames();
  UpdateTitle();
  UpdateLeaveWarning();
}

void App::AskForFrames() {
  const double now = ImGui::GetTime();
  std::optional<double> next = m_connectors.NextWakeIn(now, OnConnectorScreen());
  if (SignedIn() && m_route.screen == Screen::DataHub) {
    std::optional<double> search = m_data_hub.NextWakeIn(now);
    if (search && (!next || *search < *next)) next = search;
  }
  if (next) m_platform.WakeAfter(*next);
}

// A connector's tab names the connector ("ERP production · Data Hub") once it is loaded.
void App::UpdateTitle() {
  std::string title = SignedIn() ? RouteTitle(m_route) : "Sign in · Data Hub";
  if (m_session.Phase() == SessionPhase::Setup) title = "Create the first administrator · Data Hub";
  const auto& loaded = m_connectors.Editor().Loaded();
  if (SignedIn() && m_route.screen == Screen::Connector && loaded)
    title = loaded->name + " · Data Hub";
  if (title == m_title) return;
  m_title = title;
  m_platform.SetTitle(title);
}

void App::UpdateLeaveWarning() {
  bool warn = OnConnectorScreen() && m_connectors.Editor().Dirty();
  if (warn == m_leave_warning) return;
  m_leave_warning = warn;
  m_platform.SetLeaveWarning(warn);
}

void App::DrawSignedOut() {
  switch (m_session.Phase()) {
    case SessionPhase::Checking:
      DrawChecking(m_fonts);
      break;
    case SessionPhase::SignIn:
      m_frame_settled = true;
      DrawSignIn(m_session, m_fonts);
      break;
    case SessionPhase::Setup:
      m_frame_settled = true;
      DrawSetup(m_session, m_fonts);
      break;
    case SessionPhase::SignedIn:
      break;
  }
}

void App::DrawHeader() {
  HeaderActions header = DrawAppHeader(m_session.CurrentUser(), m_route.screen);
  if (header.data_hub) GoTo(RouteHash(Route{}));
  if (header.users) GoTo("#/users");
  if (header.tokens) GoTo("#/tokens");
  if (header.sign_out) m_session.SignOut();
  // ImGui gives the clicked bar the focus at the end of this frame: the screen takes it back on
  // the next one.
  if (header.focus_screen) m_focus_screen = true;
}

void App::DrawScreen() {
  if (m_session.TakeChanged()) OnSessionChanged();
  if (!SignedIn()) return DrawSignedOut();
  if (std::exchange(m_focus_screen, false)) FocusScreenOnNextBegin();
  DrawHeader();
  if (!SignedIn()) return;  // signed out from the header
  switch (m_route.screen) {
    case Screen::DataHub: {
      m_frame_settled = m_data_hub.Settled();
      DataHubActions actions = DrawDataHub(m_data_hub, m_fonts);
      if (actions.open_export) m_export.Open();
      if (actions.open_import) m_import.Open();
      DrawExportDialog(m_export, m_fonts);
      DrawImportDialog(m_import, m_fonts);
      if (m_import.TakeImported()) m_data_hub.Refresh();
      KeepListInAddress();  // before a push, so back returns to this list
      if (actions.configure_new) Navigate({Screen::NewConnector, {}, {}});
      if (!actions.open_id.empty()) Navigate({Screen::Connector, actions.open_id, {}});
      if (actions.sign_in_again) m_session.SessionEnded();
      break;
    }
    case Screen::Users:
      m_frame_settled = m_users.Settled();
      DrawUsers(m_users, m_session.CurrentUser(), m_fonts);
      if (std::string done = m_users.TakeDone(); !done.empty()) m_connectors.ToastList().Show(done);
      break;
    case Screen::Tokens:
      m_frame_settled = m_tokens.Settled();
      DrawTokens(m_tokens, m_fonts);
      if (std::string done = m_tokens.TakeDone(); !done.empty())
        m_connectors.ToastList().Show(done);
      break;
    case Screen::NewConnector:
      m_frame_settled = true;
      GoTo(m_connectors.DrawNew(m_fonts));
      break;
    case Screen::Connector:
      m_frame_settled = m_connectors.Settled();
      GoTo(m_connectors.DrawManage(m_fonts));
      break;
  }
  m_connectors.DrawToasts();
  // Any call answered 401: the session ended (idle, signed out elsewhere, the user disabled).
  if (m_people.TakeSessionLost()) m_session.SessionEnded();
}

void App::AfterRender() {
  if (m_frame_settled && !m_ready_logged) {
    m_ready_logged = true;
    m_platform.ConsoleLog("datahub: ready");
  }
}

}  // namespace datahub::web
