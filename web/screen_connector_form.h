// The connector form (UI.md, 3): connection, authentication, custom request headers. Shared by
// "Configure a new Connector" and "Manage a connector"; each message sits under its field.
#pragma once

#include "connector_form_state.h"
#include "ui_fonts.h"

namespace datahub::web {

struct FormActions {
  bool submit = false;  // Enter pressed in a text field
};

FormActions DrawConnectorForm(ConnectorFormState& state, const UiFonts& fonts);

}  // namespace datahub::web
