// Decoded records by key, reused while the stored bytes are the same: a record read on every
// request (a session, its user, an API token) is parsed from JSON once per change instead of
// once per request (tests/perf/auth_cost.sh measured the parse as the cost of a session check).
// The bytes are still read from the store each time, so a change is seen at once.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace datahub::backend {

template <typename T>
class DecodeMemo {
 public:
  // The record `bytes` decode to (`decode`: bytes -> optional<T>), from memory when the same
  // bytes were decoded last under `key`.
  template <typename Decode>
  std::optional<T> get(std::string_view key, std::string_view bytes, const Decode& decode) {
    {
      std::lock_guard lock(m_mutex);
      auto it = m_items.find(std::string(key));
      if (it != m_items.end() && it->second.bytes == bytes) return it->second.value;
    }
    std::optional<T> value = decode(bytes);
    if (!value) return value;
    std::lock_guard lock(m_mutex);
    // Bounded: a flood of keys (sessions) starts it over rather than growing it.
    if (m_items.size() >= kMaxItems) m_items.clear();
    m_items.insert_or_assign(std::string(key), Item{std::string(bytes), *value});
    return value;
  }

 private:
  static constexpr std::size_t kMaxItems = 4096;
  struct Item {
    std::string bytes;
    T value;
  };
  std::mutex m_mutex;
  std::unordered_map<std::string, Item> m_items;
};

}  // namespace datahub::backend
