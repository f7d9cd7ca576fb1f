// "Configure a new Connector" (docs/UI.md, 3): the connector type, then the API Connector form with
// "Test connection" and "Create".
#pragma once

#include "connector_editor.h"
#include "ui_fonts.h"

namespace datahub::web {

struct NewConnectorActions {
  bool back = false;  // "← Data Hub" clicked (the app asks first when something was typed)
};

NewConnectorActions DrawNewConnector(ConnectorEditor& editor, const UiFonts& fonts);

}  // namespace datahub::web
