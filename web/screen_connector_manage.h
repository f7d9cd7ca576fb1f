// "Manage a connector" (docs/UI.md, 4-6): every setting editable with Save, the More actions menu
// (Activate, Disable, Delete with a confirmation), the test result and the History tab.
#pragma once

#include <string>

#include "connector_editor.h"
#include "ui_fonts.h"

namespace datahub::web {

// What the screen remembers between frames that is about drawing only.
struct ManageView {
  bool ask_delete = false;  // open the delete confirmation on this frame
  // The connector just created here: it starts Disabled, which the screen says with an offer
  // to activate it, until it is activated or another connector is shown.
  std::string created_id;
};

struct ManageScreenActions {
  bool back = false;  // "← Data Hub" clicked
};

ManageScreenActions DrawManageConnector(ConnectorEditor& editor, ManageView& view,
                                        const UiFonts& fonts);

}  // namespace datahub::web
