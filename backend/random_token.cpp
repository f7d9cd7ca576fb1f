#include "random_token.h"

#include <string_view>

#include <sodium.h>

#include "outbound/base64url.h"

namespace datahub::backend {

std::string random_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string token =
      outbound::base64url_encode(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
  sodium_memzero(raw, sizeof raw);
  return token;
}

}  // namespace datahub::backend
