#include "app.h"

#include <optional>

#include "imgui.h"
#include "login.h"
#include "screen_data_hub.h"
#include "transfer_dialogs.h"
#include "ui_widgets.h"

namespace datahub::web {

App::App(Platform& platform, ApiClient& api)
    : m_platform(platform),
      m_data_hub(api),
      m_connectors(api),
      m_export(api, platform, m_connectors.ToastList()),
      m_import(api, platform) {}

void App::Start() {
  TakeTokenFromAddress(m_platform, RouteHash(Route{}));
  m_signed_in = IsSignedIn(m_platform);
  Show(ParseRoute(m_platform.Hash()));
}

void App::OnAddressChanged() {
  // A pasted "#token=..." address signs in again (e.g. with a new token).
  if (TakeTokenFromAddress(m_platform, RouteHash(Route{}))) m_signed_in = true;
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

void App::Show(const Route& route) {
  m_route = route;
  UpdateTitle();
  // The list the address names, loaded once (search, filter and sort from a reload, a bookmark,
  // back or forward; the list as it was left from "← Data Hub", see GoTo).
  if (m_signed_in && route.screen == Screen::DataHub) m_data_hub.OpenAddress(route.list);
  if (m_signed_in && route.screen == Screen::NewConnector) m_connectors.ShowNew();
  if (m_signed_in && route.screen == Screen::Connector) m_connectors.ShowConnector(route.id);
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
  return m_signed_in ? RouteHash(m_route) : "#/login";
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
  if (m_signed_in && m_route.screen == Screen::DataHub) {
    std::optional<double> search = m_data_hub.NextWakeIn(now);
    if (search && (!next || *search < *next)) next = search;
  }
  if (next) m_platform.WakeAfter(*next);
}

// A connector's tab names the connector ("ERP production · Data Hub") once it is loaded.
void App::UpdateTitle() {
  std::string title = m_signed_in ? RouteTitle(m_route) : "Sign in · Data Hub";
  const auto& loaded = m_connectors.Editor().Loaded();
  if (m_signed_in && m_route.screen == Screen::Connector && loaded)
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

void App::DrawScreen() {
  if (!m_signed_in) {
    m_frame_settled = true;
    if (DrawLogin(m_login, m_fonts)) {
      SignIn(m_platform, m_login.token);
      m_login.token.clear();
      m_signed_in = true;
      Show(m_route);
    }
    return;
  }
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
      if (actions.sign_in_again) {
        SignOut(m_platform);
        m_signed_in = false;
        Show(m_route);
      }
      break;
    }
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
}

void App::AfterRender() {
  if (m_frame_settled && !m_ready_logged) {
    m_ready_logged = true;
    m_platform.ConsoleLog("datahub: ready");
  }
}

}  // namespace datahub::web
