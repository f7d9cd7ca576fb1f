#include "connector_screens.h"

#include "screen_connector_body.h"
#include "screen_connector_new.h"
#include "test_result_panel.h"

namespace datahub::web {
namespace {
constexpr const char* kDataHub = "#/connectors";
}

bool ConnectorScreens::MayLeave(const std::string& hash) {
  if (!m_editor.Dirty() || m_editor.Busy()) return true;
  m_editor.RequestLeave(hash);
  return false;
}

std::optional<double> ConnectorScreens::NextWakeIn(double now, bool shown) const {
  std::optional<double> next = m_toasts.NextWakeIn(now);
  if (shown && m_editor.Testing() && (!next || kSpinnerStepSeconds < *next))
    next = kSpinnerStepSeconds;
  return next;
}

std::string ConnectorScreens::DrawNew(const UiFonts& fonts) {
  return AfterDraw(DrawNewConnector(m_editor, fonts).back);
}

std::string ConnectorScreens::DrawManage(const UiFonts& fonts) {
  return AfterDraw(DrawManageConnector(m_editor, m_view, fonts).back);
}

std::string ConnectorScreens::AfterDraw(bool back) {
  std::string created = m_editor.TakeCreated();
  if (!created.empty()) {
    m_view.created_id = created;
    return "#/connectors/" + created;
  }
  if (m_editor.TakeDeleted()) return kDataHub;
  if (back && MayLeave(kDataHub)) return kDataHub;
  if (DrawLeaveQuestion(m_editor)) {
    std::string to = m_editor.PendingLeave();
    m_editor.CancelLeave();
    m_editor.Form().Reset(m_editor.Form().Form());  // discarded: nothing unsaved any more
    return to;
  }
  return "";
}

}  // namespace datahub::web
