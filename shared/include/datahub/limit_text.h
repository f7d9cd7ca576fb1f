// Messages that name a limit, written from the limit's constant: the rule and the words that
// explain it cannot drift apart.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace datahub {

// "must be between 1 and 5"
inline std::string must_be_between(long long low, long long high) {
  return "must be between " + std::to_string(low) + " and " + std::to_string(high);
}

// "must be at most 100 characters"
inline std::string must_be_at_most(long long most, std::string_view unit) {
  return "must be at most " + std::to_string(most) + " " + std::string(unit);
}

// A size in bytes as people write it: "64 KiB", "1 MiB", "8192 bytes" (whole units only).
inline std::string byte_size_text(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  if (bytes >= kKiB * kKiB && bytes % (kKiB * kKiB) == 0)
    return std::to_string(bytes / (kKiB * kKiB)) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace datahub
