// The connector form's outbound settings (docs/UI.md v1.1, docs/API.md "TLS, proxy, retries and
// rate limit"): Connection security (CA certificate, client certificate and key), Proxy, Retries
// and rate limit. Each is a collapsing section, closed unless something in it is set or has an
// error, so the common form stays short.
#pragma once

#include "form_fields.h"

namespace datahub::web {

void DrawConnectionSecurity(FormCtx& c);

}  // namespace datahub::web
