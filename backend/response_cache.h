// Rendered connector responses (the JSON of GET /api/connectors/{id}), kept in memory so a
// read does not parse the record, decrypt its secrets and serialize it again. Every change
// goes through the connector service, which drops the entry; an epoch guards against a slow
// reader putting back a version that a writer has just replaced.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace datahub::backend {

struct RenderedConnector {
  std::int64_t version = 0;
  std::shared_ptr<const std::string> body;  // response JSON
};

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_entries = 8192) : m_max_entries(max_entries) {}

  std::optional<RenderedConnector> find(std::string_view id) const;
  // Call before reading the store; pass the value to put().
  std::uint64_t epoch() const;
  // Keeps `rendered` unless something was dropped since `epoch` was read.
  void put(std::string_view id, RenderedConnector rendered, std::uint64_t epoch);
  void drop(std::string_view id);

 private:
  mutable std::shared_mutex m_mutex;
  std::unordered_map<std::string, RenderedConnector> m_entries;
  std::uint64_t m_epoch = 0;
  std::size_t m_max_entries;
};

}  // namespace datahub::backend
