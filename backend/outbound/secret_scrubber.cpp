#include "outbound/secret_scrubber.h"

#include <algorithm>

namespace datahub::outbound {

namespace {
constexpr std::size_t kMinSecret = 4;
constexpr std::string_view kMask = "***";

// Length of the longest tail of `text` (at least kMinSecret) that starts `secret`.
std::size_t partial_tail(std::string_view text, std::string_view secret) {
  for (std::size_t n = std::min(text.size(), secret.size() - 1); n >= kMinSecret; --n)
    if (text.substr(text.size() - n) == secret.substr(0, n)) return n;
  return 0;
}
}  // namespace

void SecretScrubber::add(std::string_view secret) {
  if (secret.size() < kMinSecret) return;
  m_secrets.emplace_back(secret);
  std::sort(m_secrets.begin(), m_secrets.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string SecretScrubber::scrub(std::string_view text, bool cut) const {
  std::string out(text);
  for (const auto& secret : m_secrets) {
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at)) {
      out.replace(at, secret.size(), kMask);
      at += kMask.size();
    }
  }
  if (!cut) return out;
  for (const auto& secret : m_secrets) {
    if (auto n = partial_tail(out, secret); n > 0) {
      out.resize(out.size() - n);
      out += kMask;
    }
  }
  return out;
}

}  // namespace datahub::outbound
