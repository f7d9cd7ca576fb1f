// Connector ids: "c_" + 20 characters of the shared alphabet (datahub/connector_id.h:
// [A-Za-z0-9_-], at most 64 characters) from libsodium's CSPRNG (120 bits), URL-safe so they can
// go in paths unescaped.
#pragma once

#include <string>

#include "datahub/connector_id.h"  // is_valid_connector_id: the store answers NotFound for others

namespace datahub::backend {

std::string new_connector_id();

}  // namespace datahub::backend
