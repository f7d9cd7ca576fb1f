// The OAuth 2.0 Advanced section's client authentication (Basic header / Body / Private key JWT,
// RFC 7523 §2.2, with its key, algorithm and key id) and the token response options (token field,
// expiry field, default lifetime, the statuses that mean the token expired); docs/API.md "OAuth
// 2.0 additions".
#pragma once

#include "form_fields.h"

namespace datahub::web {

void DrawClientAuthentication(FormCtx& c);
void DrawTokenOptions(FormCtx& c);

}  // namespace datahub::web
