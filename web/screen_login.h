// The "Admin token" form, shown when the tab has no token (docs/UI.md, "Login").
#pragma once

#include <string>

#include "ui_fonts.h"

namespace datahub::web {

struct LoginForm {
  std::string token;  // what is typed so far; never shown in clear
};

// Returns true on the frame the user submits a non-empty token (button or Enter).
bool DrawLogin(LoginForm& form, const UiFonts& fonts);

}  // namespace datahub::web
