// The "history" database: entry bytes (decode_history_entry) and keys (history_sequence).
// Input: "<id>\n<key or entry bytes>"; the whole input is also tried as entry bytes.
#include "fuzz_check.h"
#include "store/history_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace datahub::backend;
  const auto text = datahub::fuzz::as_text(data, size);
  const auto [id, rest] = datahub::fuzz::split_once(text, '\n');

  for (const auto bytes : {text, rest}) {
    const auto entry = decode_history_entry(bytes);
    if (!entry) continue;
    const auto again = decode_history_entry(encode_history_entry(*entry));
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->at == entry->at && again->action == entry->action &&
               again->version == entry->version && again->changes == entry->changes);
  }

  // Ids never hold '\0' (see history_codec.h).
  if (id.find('\0') != std::string_view::npos) return 0;
  if (const auto sequence = history_sequence(rest, id)) {
    FUZZ_CHECK(history_key(id, *sequence) == rest);
  }
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < rest.size() && i < 8; ++i) {
    sequence = (sequence << 8) | static_cast<unsigned char>(rest[i]);
  }
  const auto key = history_key(id, sequence);
  FUZZ_CHECK(history_sequence(key, id) == sequence);
  // Every key of the id sorts before its range end, as LMDB compares bytes.
  FUZZ_CHECK(key < history_range_end(id));
  return 0;
}
