// Compressed bodies that decode to far more than they weigh, for hostile client and upstream
// tests.
#pragma once

#include <cstddef>
#include <string>

namespace datahub::testing {

// `size` zero bytes, gzip-compressed (about a thousandth of `size`).
std::string gzip_of_zeros(std::size_t size);

}  // namespace datahub::testing
