#include "connector_cache.h"

#include <mutex>

namespace datahub::backend {

std::optional<CachedConnector> ConnectorCache::find(std::string_view id) const {
  std::shared_lock lock(m_mutex);
  auto it = m_entries.find(std::string(id));
  if (it == m_entries.end()) return std::nullopt;
  return it->second;
}

std::uint64_t ConnectorCache::epoch() const {
  std::shared_lock lock(m_mutex);
  return m_epoch;
}

void ConnectorCache::put(std::string_view id, CachedConnector entry, std::uint64_t epoch) {
  std::unique_lock lock(m_mutex);
  if (epoch != m_epoch) return;
  // A bounded memory cost: when full, start over (reads refill what is in use).
  if (m_entries.size() >= m_max_entries) m_entries.clear();
  m_entries[std::string(id)] = std::move(entry);
}

void ConnectorCache::drop_all() {
  std::unique_lock lock(m_mutex);
  ++m_epoch;
  m_entries.clear();
}

void ConnectorCache::drop(std::string_view id) {
  std::unique_lock lock(m_mutex);
  ++m_epoch;
  m_entries.erase(std::string(id));
}

}  // namespace datahub::backend
