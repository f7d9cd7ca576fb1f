#include "admin_auth.h"

#include <cctype>
#include <vector>

#include <sodium.h>

#include "datahub/text.h"
#include "random_token.h"

namespace datahub::backend {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

bool from_hex(const std::string& hex, unsigned char* out, std::size_t size) {
  std::size_t written = 0;
  return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 &&
         written == size;
}

bool starts_with_bearer(std::string_view value) {
  static constexpr std::string_view kScheme = "bearer ";
  return value.size() >= kScheme.size() && iequals_ascii(value.substr(0, kScheme.size()), kScheme);
}

}  // namespace

std::string make_admin_token() {
  return random_token();
}

AdminAuth::Hash AdminAuth::hash_token(std::string_view token) {
  // The token is 256 random bits (or an operator's choice): a keyless BLAKE2b suffices to keep
  // it out of the data directory; comparison happens on these fixed-size hashes.
  Hash hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return hash;
}

std::optional<AdminAuth> AdminAuth::init(const std::optional<std::string>& configured,
                                         const TokenHashStorage& storage,
                                         std::optional<std::string>& generated) {
  generated.reset();
  if (configured && !configured->empty()) return AdminAuth(hash_token(*configured));
  if (auto stored = storage.load()) {
    Hash hash{};
    if (!from_hex(*stored, hash.data(), hash.size())) return std::nullopt;
    return AdminAuth(hash);
  }
  std::string token = make_admin_token();
  const Hash hash = hash_token(token);
  if (!storage.save(to_hex(hash.data(), hash.size()))) return std::nullopt;
  generated = std::move(token);
  return AdminAuth(hash);
}

std::optional<std::string_view> bearer_token(std::string_view header_value) {
  if (!starts_with_bearer(header_value)) return std::nullopt;
  std::string_view token = header_value.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

bool AdminAuth::check_authorization(std::string_view header_value) const {
  const auto token = bearer_token(header_value);
  return token && check_token(*token);
}

bool AdminAuth::check_token(std::string_view token) const {
  if (token.empty()) return false;
  const Hash candidate = hash_token(token);
  return sodium_memcmp(candidate.data(), m_hash.data(), m_hash.size()) == 0;
}

}  // namespace datahub::backend
