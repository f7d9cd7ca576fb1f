// The API tokens screen (docs/UI.md, "API tokens"): one's tokens (an admin's: everyone's) with
// their last use; Create API token, the new token shown once with Copy; Revoke, confirmed.
#pragma once

#include "tokens_state.h"
#include "ui_fonts.h"

namespace datahub::web {

void DrawTokens(TokensState& state, const UiFonts& fonts);

}  // namespace datahub::web
