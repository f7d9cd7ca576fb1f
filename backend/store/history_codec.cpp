#include "history_codec.h"

#include "datahub/json_parse.h"

namespace datahub::backend {

namespace {
constexpr std::size_t kSequenceBytes = 8;
}

std::string history_key(std::string_view id, std::uint64_t sequence) {
  std::string key(id);
  key += '\0';
  for (int shift = 56; shift >= 0; shift -= 8) {
    key += static_cast<char>((sequence >> shift) & 0xff);
  }
  return key;
}

std::string history_range_end(std::string_view id) {
  std::string key(id);
  key += '\1';
  return key;
}

std::optional<std::uint64_t> history_sequence(std::string_view key, std::string_view id) {
  if (key.size() != id.size() + 1 + kSequenceBytes) return std::nullopt;
  if (key.substr(0, id.size()) != id || key[id.size()] != '\0') return std::nullopt;
  std::uint64_t sequence = 0;
  for (char ch : key.substr(id.size() + 1)) {
    sequence = (sequence << 8) | static_cast<unsigned char>(ch);
  }
  return sequence;
}

std::string encode_history_entry(const HistoryEntry& e) {
  return to_json(e).dump();
}

// An entry the shared reader refuses (a damaged record) is unreadable rather than thrown from:
// the history of the other entries still lists.
std::optional<HistoryEntry> decode_history_entry(std::string_view bytes) {
  auto parsed = parse_json(bytes);
  if (parsed.error != JsonParseError::None) return std::nullopt;
  auto entry = history_entry_from_json(parsed.value);
  if (!entry) return std::nullopt;
  return std::move(entry).value();
}

}  // namespace datahub::backend
