// "Configure a new Connector": for now the type choice only; the form follows (UI.md, 3).
#pragma once

#include "ui_fonts.h"

namespace datahub::web {

struct NewConnectorActions {
  bool back = false;  // back to the Data Hub
};

NewConnectorActions DrawNewConnector(const UiFonts& fonts);

}  // namespace datahub::web
