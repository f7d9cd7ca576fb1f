// What the signed-in role may use, for the screens (docs/UI.md, "Roles"): the rule of who may do
// what is the shared one (datahub/role_actions.h); how a screen shows what a role may not use is
// here. A viewer, who may change nothing, sees no action buttons at all; other roles see what
// they may not use disabled, with a tooltip naming the role it needs.
#pragma once

#include "datahub/role_actions.h"
#include "imgui.h"

namespace datahub::web {

// The role the screens draw for; set by the app when the session changes.
void SetScreenRole(Role role);
Role ScreenRole();

inline bool May(Action action) {
  return role_may(ScreenRole(), action);
}
// Whether a control for `action` is drawn at all (hidden from a viewer when not allowed).
bool Shows(Action action);

// Around the controls of one action: disabled (and explained on hover) when not allowed.
// Draw them only when Shows(action).
void BeginAction(Action action);
void EndAction(Action action);

}  // namespace datahub::web
