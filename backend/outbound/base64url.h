// base64url without padding (RFC 4648 §5), the framing of JWS and JWT (RFC 7515 §2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace datahub::outbound {

std::string base64url_encode(std::string_view bytes);
// The bytes, or nothing when `text` is not unpadded base64url.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace datahub::outbound
