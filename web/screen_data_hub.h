// The Data Hub (home page): the connector table and the way to configure a new connector.
#pragma once

#include <string>

#include "data_hub_state.h"
#include "ui_fonts.h"

namespace datahub::web {

// What the user asked for on this frame; the app turns it into navigation.
struct DataHubActions {
  bool configure_new = false;  // "Configure a new Connector" clicked
  bool sign_in_again = false;  // the token was refused and the user wants the login form
  bool open_import = false;    // "Import…" clicked
  bool open_export = false;    // "Export…" clicked
  std::string open_id;         // a row was selected
};

DataHubActions DrawDataHub(DataHubState& state, const UiFonts& fonts);

}  // namespace datahub::web
