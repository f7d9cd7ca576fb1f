// The connector screens as the app sees them: "Configure a new Connector" and "Manage a
// connector" over one ConnectorEditor, the question before leaving unsaved changes, and the
// toasts (drawn on every screen, e.g. "Connector deleted" on the Data Hub).
#pragma once

#include <optional>
#include <string>

#include "api_client.h"
#include "connector_editor.h"
#include "screen_connector_manage.h"
#include "toasts.h"
#include "ui_fonts.h"

namespace datahub::web {

class ConnectorScreens {
 public:
  explicit ConnectorScreens(ApiClient& api) : m_editor(api, m_toasts) {}

  void ShowNew() { m_editor.StartNew(); }
  void ShowConnector(const std::string& id) {
    if (id != m_view.created_id) m_view.created_id.clear();
    m_editor.Open(id);
  }

  // Draws the screen; returns the address to go to ("" to stay): the Data Hub after "back" or
  // a delete, the new connector after a create.
  std::string DrawNew(const UiFonts& fonts);
  std::string DrawManage(const UiFonts& fonts);
  // True once the screen shows its data (or its error): for "datahub: ready".
  bool Settled() const { return !m_editor.Loading(); }

  // The app is about to leave for `hash` (a link, back/forward): false while unsaved changes
  // wait for the user's answer; the answer then comes back from DrawNew/DrawManage.
  bool MayLeave(const std::string& hash);
  void DrawToasts() { m_toasts.Draw(); }
  Toasts& ToastList() { return m_toasts; }  // for the Data Hub's own ("Exported 2 connectors")
  // Seconds until these screens need a frame without input (`shown`: one of them is on
  // screen): the spinner's next step while a test runs, a toast's expiry. nullopt: none.
  std::optional<double> NextWakeIn(double now, bool shown) const;

  ConnectorEditor& Editor() { return m_editor; }
  const ConnectorEditor& Editor() const { return m_editor; }

 private:
  std::string AfterDraw(bool back);

  Toasts m_toasts;
  ConnectorEditor m_editor;
  ManageView m_view;
};

}  // namespace datahub::web
