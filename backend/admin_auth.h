// The admin token that guards every API route but the health check (docs/API.md, "Access").
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

// Where the token's hash is kept (the store's metadata); the token itself is never stored.
struct TokenHashStorage {
  std::function<std::optional<std::string>()> load;
  std::function<bool(const std::string& hash_hex)> save;
};

class AdminAuth {
 public:
  // Uses `configured` (DATAHUB_ADMIN_TOKEN) when given. Otherwise uses the stored hash, or makes
  // a new token on first start, stores its hash and hands the token back in `generated` so the
  // caller can print the login URL once. Empty optional on a storage failure.
  static std::optional<AdminAuth> init(const std::optional<std::string>& configured,
                                       const TokenHashStorage& storage,
                                       std::optional<std::string>& generated);

  // True for "Bearer <the token>" (scheme case-insensitive); constant-time in the token.
  bool check_authorization(std::string_view header_value) const;
  // True for the token itself; constant-time in the token.
  bool check_token(std::string_view token) const;

 private:
  using Hash = std::array<unsigned char, 32>;
  explicit AdminAuth(const Hash& hash) : m_hash(hash) {}
  static Hash hash_token(std::string_view token);
  Hash m_hash{};
};

// The token of an "Authorization: Bearer <token>" value (scheme case-insensitive, spaces
// around the token ignored), or nothing for another scheme or an empty token.
std::optional<std::string_view> bearer_token(std::string_view header_value);

// 32 random bytes, URL-safe base64 without padding.
std::string make_admin_token();

}  // namespace datahub::backend
