#include "login.h"

#include "api_client_http.h"

namespace datahub::web {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string TokenFromHash(std::string_view hash) {
  constexpr std::string_view kPrefix = "#token=";
  if (hash.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view token = hash.substr(kPrefix.size());
  token = token.substr(0, token.find('&'));  // room for later parameters
  return PercentDecode(token);
}

bool TakeTokenFromAddress(Platform& platform, std::string_view landing) {
  std::string token = TokenFromHash(platform.Hash());
  if (token.empty()) return false;
  SignIn(platform, token);
  platform.SetHash(landing, /*replace=*/true);
  return true;
}

bool IsSignedIn(Platform& platform) {
  return !platform.SessionGet(kTokenKey).empty();
}

void SignIn(Platform& platform, std::string_view token) {
  platform.SessionSet(kTokenKey, token);
}

void SignOut(Platform& platform) {
  platform.SessionRemove(kTokenKey);
}

}  // namespace datahub::web
