// A certificate as the screens show it: who it names (and who issued it), then when it expires,
// muted while valid, amber within 30 days, red once expired (docs/UI.md v1.1). Used under the
// form's certificate boxes and in the test panel's steps.
#pragma once

#include "certificates.h"

namespace datahub::web {

// `what` starts the first line: "Subject", "Server certificate".
void DescribeCertificate(const CertificateInfo& cert, const char* what);

}  // namespace datahub::web
