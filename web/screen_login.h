// The screens before one is signed in (docs/UI.md, "Sign in"): Sign in (username and password,
// and "Sign in with SSO" when the server offers it), Create the first administrator (the setup
// link's form), and a quiet window while the server says who is signed in.
#pragma once

#include "session_state.h"
#include "ui_fonts.h"

namespace datahub::web {

void DrawSignIn(SessionState& session, const UiFonts& fonts);
void DrawSetup(SessionState& session, const UiFonts& fonts);
void DrawChecking(const UiFonts& fonts);

}  // namespace datahub::web
