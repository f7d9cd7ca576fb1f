#include "random_token.h"

#include <vector>

#include <sodium.h>

namespace datahub::backend {

std::string random_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::vector<char> out(
      sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return std::string(out.data());
}

}  // namespace datahub::backend
