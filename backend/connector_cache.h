// Connectors kept in memory, decoded and with their GET response rendered, so that a read or a
// proxied request does not parse the record, decrypt its secrets and serialize it again. Every
// change goes through the connector service, which drops the entry; an epoch guards against a
// slow reader putting back a version that a writer has just replaced.
//
// The decoded connector holds its secrets in plain text, as it must to fetch tokens and send
// headers; they stay encrypted at rest, and no response is ever rendered from them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "datahub/connector.h"

namespace datahub::backend {

struct CachedConnector {
  std::shared_ptr<const Connector> connector;
  std::shared_ptr<const std::string> body;  // the JSON of GET /api/connectors/{id}
};

class ConnectorCache {
 public:
  explicit ConnectorCache(std::size_t max_entries = 8192) : m_max_entries(max_entries) {}

  std::optional<CachedConnector> find(std::string_view id) const;
  // Call before reading the store; pass the value to put().
  std::uint64_t epoch() const;
  // Keeps `entry` unless something was dropped since `epoch` was read.
  void put(std::string_view id, CachedConnector entry, std::uint64_t epoch);
  void drop(std::string_view id);
  // Everything (the shared store's change notifications were missed).
  void drop_all();

 private:
  mutable std::shared_mutex m_mutex;
  std::unordered_map<std::string, CachedConnector> m_entries;
  std::uint64_t m_epoch = 0;
  std::size_t m_max_entries;
};

}  // namespace datahub::backend
