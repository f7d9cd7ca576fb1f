// Connector ids: 1-64 characters of [A-Za-z0-9_-], URL-safe so they go in paths and in the
// web's addresses unescaped. The backend makes them ("c_" + 20 random characters of the
// alphabet) and refuses anything else as not found; the web's router takes only these.
#pragma once

#include <cstddef>
#include <string_view>

namespace datahub {

inline constexpr std::string_view kConnectorIdAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// Keeps an odd path segment away from LMDB (whose keys stop at 511 bytes) and the history key
// layout.
inline constexpr std::size_t kMaxConnectorIdLength = 64;

inline bool is_valid_connector_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxConnectorIdLength &&
         id.find_first_not_of(kConnectorIdAlphabet) == std::string_view::npos;
}

}  // namespace datahub
