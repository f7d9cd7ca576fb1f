// A token endpoint's answer, read by parse_token_response. The first byte picks the status
// and whether the body was cut; the rest is the body. A token that is accepted must be safe to
// put in an Authorization header, and its lifetime must not overflow the cache's clock.
#include <array>
#include <chrono>

#include "fuzz_check.h"
#include "outbound/oauth2_token_response.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace datahub;
  if (size == 0) return 0;
  static constexpr std::array<int, 8> kStatuses = {200, 201, 204, 299, 400, 401, 500, 302};
  const int status = kStatuses[data[0] & 7];
  const bool truncated = (data[0] & 8) != 0;
  const auto body = fuzz::as_text(data + 1, size - 1);

  const auto token = outbound::parse_token_response(status, body, truncated);
  if (!token) {
    const auto& p = token.problem();
    FUZZ_CHECK(p.type == ProblemType::TokenError && p.status == 502);
    (void)to_json(p).dump();
    return 0;
  }
  FUZZ_CHECK(status >= 200 && status <= 299 && !truncated);
  FUZZ_CHECK(!token->value.empty());
  for (unsigned char c : token->value) FUZZ_CHECK(c > 0x20 && c < 0x7f);
  FUZZ_CHECK(token->expires_in.count() >= 0);
  // The cache adds the lifetime to now(): that must not overflow.
  const auto now = std::chrono::steady_clock::now();
  FUZZ_CHECK(now + token->expires_in >= now);
  return 0;
}
