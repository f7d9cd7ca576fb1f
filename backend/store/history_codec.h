// The "history" database: <connector id> '\0' <8-byte big-endian sequence> -> entry JSON.
// Big-endian keeps one connector's entries together and in order under LMDB's byte order, so
// "newest first" is a backwards walk from the end of the id's range. Ids never hold '\0'.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "connector_store.h"

namespace datahub::backend {

std::string history_key(std::string_view id, std::uint64_t sequence);
// The first key after every key of `id` (id + '\1'): seek there, then step back.
std::string history_range_end(std::string_view id);
// The sequence of a key of `id`, or nothing when the key belongs to another id.
std::optional<std::uint64_t> history_sequence(std::string_view key, std::string_view id);

std::string encode_history_entry(const HistoryEntry& e);
std::optional<HistoryEntry> decode_history_entry(std::string_view bytes);

}  // namespace datahub::backend
