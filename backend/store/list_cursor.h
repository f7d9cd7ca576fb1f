// The opaque cursor of GET /api/connectors: base64url("1:" + the last folded name of the
// page). A position in the name index rather than an offset, so creating or deleting
// connectors between two pages neither skips nor repeats one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

std::string encode_list_cursor(std::string_view folded_name);
// The folded name, or nothing for a cursor this store did not make.
std::optional<std::string> decode_list_cursor(std::string_view cursor);

}  // namespace datahub::backend
