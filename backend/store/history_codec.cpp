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
  nlohmann::json j = {
      {"at", e.at}, {"action", e.action}, {"version", e.version}, {"changes", e.changes}};
  return j.dump();
}

// Members this codec did not write with that type (a damaged record) make the entry unreadable
// rather than throw from json::value(): the history of the other entries still lists.
std::optional<HistoryEntry> decode_history_entry(std::string_view bytes) {
  auto parsed = parse_json(bytes);
  if (parsed.error != JsonParseError::None || !parsed.value.is_object()) return std::nullopt;
  const nlohmann::json& j = parsed.value;
  const auto has = [&j](const char* key, bool (nlohmann::json::*is)() const noexcept) {
    const auto it = j.find(key);
    return it == j.end() || ((*it).*is)();
  };
  if (!has("at", &nlohmann::json::is_string) || !has("action", &nlohmann::json::is_string) ||
      !has("version", &nlohmann::json::is_number_integer) ||
      !has("changes", &nlohmann::json::is_array)) {
    return std::nullopt;
  }
  HistoryEntry e;
  e.at = j.value("at", "");
  e.action = j.value("action", "");
  e.version = j.value("version", std::int64_t{0});
  e.changes = j.value("changes", nlohmann::json::array());
  return e;
}

}  // namespace datahub::backend
