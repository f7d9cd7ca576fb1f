// The Users screen (admin; docs/UI.md, "Users"): who may sign in, with which role; Add user, and
// per user Edit (display name, role, disabled, a new password).
#pragma once

#include "datahub/user.h"
#include "ui_fonts.h"
#include "users_state.h"

namespace datahub::web {

void DrawUsers(UsersState& state, const User& me, const UiFonts& fonts);
// The role choice of the people dialogs: a radio group of the roles up to `highest`.
void RoleChoice(const char* question, Role& role, Role highest = Role::Admin);

}  // namespace datahub::web
