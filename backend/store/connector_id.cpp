#include "connector_id.h"

#include <sodium.h>

#include <cstdlib>

namespace datahub::backend {

namespace {
constexpr std::size_t kRandomChars = 20;
}  // namespace

std::string new_connector_id() {
  // sodium_init is idempotent and thread-safe; randombytes needs it only for its first call.
  if (sodium_init() < 0) std::abort();  // no CSPRNG: ids would be guessable, so stop
  std::string id = "c_";
  for (std::size_t i = 0; i < kRandomChars; ++i) {
    id += kConnectorIdAlphabet[randombytes_uniform(kConnectorIdAlphabet.size())];
  }
  return id;
}

}  // namespace datahub::backend
