// The strip above every screen once signed in (docs/UI.md, "Header"): the signed-in person's
// display name and role, the way to Users (admin) and API tokens, and Sign out.
#pragma once

#include "datahub/user.h"
#include "route.h"
#include "ui_fonts.h"

namespace datahub::web {

struct HeaderActions {
  bool data_hub = false;
  bool users = false;
  bool tokens = false;
  bool sign_out = false;
  // A click on the bar (or one of its screens): the keyboard stays with the screen below, whose
  // tab order it continues (the bar is a window of its own, and Tab never leaves a window).
  bool focus_screen = false;
};

// A bar along the top of the page; the screens below it take the rest (the viewport's work area).
HeaderActions DrawAppHeader(const User& user, Screen shown);

}  // namespace datahub::web
