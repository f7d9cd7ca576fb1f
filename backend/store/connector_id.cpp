#include "connector_id.h"

#include <sodium.h>

#include <cstdlib>
#include <string_view>

namespace datahub::backend {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kRandomChars = 20;
constexpr std::size_t kMaxIdLength = 64;
}  // namespace

bool is_valid_connector_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  return id.find_first_not_of(std::string_view(kAlphabet, sizeof(kAlphabet) - 1)) ==
         std::string_view::npos;
}

std::string new_connector_id() {
  // sodium_init is idempotent and thread-safe; randombytes needs it only for its first call.
  if (sodium_init() < 0) std::abort();  // no CSPRNG: ids would be guessable, so stop
  std::string id = "c_";
  for (std::size_t i = 0; i < kRandomChars; ++i) {
    id += kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)];
  }
  return id;
}

}  // namespace datahub::backend
