// The connector form (docs/UI.md, 3): connection, authentication, custom request headers, then
// connection security, proxy, retries and rate limit (form_connection_security.cpp). Shared by
// "Configure a new Connector" and "Manage a connector"; each message sits under its field.
#pragma once

#include "connector_form_state.h"
#include "form_fields.h"
#include "ui_fonts.h"

namespace datahub::web {

FormActions DrawConnectorForm(ConnectorFormState& state, const UiFonts& fonts);

}  // namespace datahub::web
