// Signing in with the admin token (docs/UI.md, "Login"): from "#token=..." in the address or typed
// into the login form; the token lives in the tab's session storage only.
#pragma once

#include <string>
#include <string_view>

#include "platform.h"

namespace datahub::web {

// The token of a "#token=<token>" hash, percent-decoded; empty when the hash has none.
std::string TokenFromHash(std::string_view hash);

// Moves a "#token=..." from the address bar into the session and rewrites the current history
// entry to `landing` so the token shows neither in the address bar nor in back/forward.
// Returns true when a token was taken.
bool TakeTokenFromAddress(Platform& platform, std::string_view landing);

bool IsSignedIn(Platform& platform);
void SignIn(Platform& platform, std::string_view token);
void SignOut(Platform& platform);

}  // namespace datahub::web
