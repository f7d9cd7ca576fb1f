// Whether a string can be a PostgreSQL text parameter as it is: libpq passes parameters as C
// strings (a NUL would cut the value short, so "a\0b" would find "a") and the database refuses
// invalid UTF-8 with an error. A key that cannot be stored names nothing: its lookup is
// NotFound, as on LMDB, rather than another row or a failure.
#pragma once

#include <string_view>

#include "datahub/text.h"

namespace datahub::backend {

inline bool pg_storable(std::string_view text) {
  return text.find('\0') == std::string_view::npos && is_valid_utf8(text);
}

}  // namespace datahub::backend
