// Response bodies go into JSON strings, which must be valid UTF-8: nlohmann::json::dump()
// throws on anything else, and a body cut at a size cap may end inside a character.
#pragma once

#include <string>
#include <string_view>

namespace datahub::outbound {

// Every byte sequence that is not well-formed UTF-8 becomes U+FFFD.
std::string valid_utf8(std::string_view bytes);

}  // namespace datahub::outbound
