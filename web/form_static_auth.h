// The connector form's fields of the static authentication methods (docs/API.md "More
// authentication methods"): API key (sent in a header or a query parameter), Basic (RFC 7617)
// and Bearer token (RFC 6750). Their secrets are write-only like the OAuth client secret.
#pragma once

#include "form_fields.h"

namespace datahub::web {

// The fields of the chosen method; nothing for No Auth and OAuth 2.0.
void DrawStaticAuth(FormCtx& c);

}  // namespace datahub::web
