#include "health_board.h"

#include <vector>

#include <spdlog/spdlog.h>

#include "datahub/time_format.h"

namespace datahub::backend {

HealthBoard::HealthBoard(ConnectorStore& store, Clock clock,
                         std::chrono::milliseconds min_write_gap)
    : m_store(store), m_clock(std::move(clock)), m_min_write_gap(min_write_gap) {}

HealthBoard::~HealthBoard() {
  stop_flusher();
  flush();
}

// Loads a health the board has not seen with the lock released (a store read), then takes the
// first one in: another thread may have loaded and changed it meanwhile.
HealthBoard::Entry& HealthBoard::entry(std::unique_lock<std::mutex>& lock, std::string_view id) {
  if (auto it = m_entries.find(id); it != m_entries.end()) return it->second;
  lock.unlock();
  auto stored = m_store.health(id);
  if (!stored) spdlog::warn("health of {} unreadable: {}", id, stored.problem().detail);
  lock.lock();
  auto [it, inserted] =
      m_entries.try_emplace(std::string(id), Entry{stored ? *stored : ConnectorHealth{}});
  return it->second;
}

ConnectorHealth HealthBoard::get(std::string_view id) {
  std::unique_lock lock(m_mutex);
  return entry(lock, id).health;
}

void HealthBoard::record(std::string_view id, HealthEvent::Kind kind,
                         const std::optional<std::string>& failure) {
  const HealthEvent event{kind, !failure, format_rfc3339_utc(m_clock()), failure.value_or("")};
  std::unique_lock lock(m_mutex);
  Entry& e = entry(lock, id);
  ConnectorHealth next = apply_health_event(e.health, event);
  if (next == e.health) return;
  const bool news = kind == HealthEvent::Kind::Test || next.state != e.health.state;
  const auto now = std::chrono::steady_clock::now();
  e.health = std::move(next);
  ++e.changes;
  const bool too_soon = e.written_at && now - *e.written_at < m_min_write_gap;
  if (!news || (kind != HealthEvent::Kind::Test && too_soon)) {
    e.dirty = true;  // for flush()
    return;
  }
  e.written_at = now;
  lock.unlock();
  write(std::string(id));
}

void HealthBoard::refresh_all() {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_entries, [](const auto& item) { return !item.second.dirty; });
}

void HealthBoard::refresh(std::string_view id) {
  std::uint64_t changes = 0;
  {
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->second.dirty) return;
    changes = it->second.changes;
  }
  auto stored = m_store.health(id);  // outside the lock: a store read
  if (!stored) return;
  std::lock_guard lock(m_mutex);
  auto it = m_entries.find(id);
  if (it == m_entries.end() || it->second.dirty || it->second.changes != changes) return;
  it->second.health = std::move(*stored);
}

// Writes the newest value (read under the write order, so no older value lands after it).
void HealthBoard::write(const std::string& id) {
  std::lock_guard order(m_write_order);
  ConnectorHealth health;
  {
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(id);
    if (it == m_entries.end()) return;  // forgotten meanwhile
    it->second.dirty = false;
    health = it->second.health;
    ++m_writes;
  }
  auto written = m_store.put_health(id, health);
  if (written) return;
  if (written.problem().type == ProblemType::NotFound) return forget(id);
  spdlog::warn("health of {} not stored: {}", id, written.problem().detail);
  std::lock_guard lock(m_mutex);
  if (auto it = m_entries.find(id); it != m_entries.end()) it->second.dirty = true;
}

void HealthBoard::forget(std::string_view id) {
  std::lock_guard lock(m_mutex);
  if (auto it = m_entries.find(id); it != m_entries.end()) m_entries.erase(it);
}

// Everything held back, in one store transaction: one disk sync however many connectors.
std::size_t HealthBoard::flush() {
  std::lock_guard order(m_write_order);
  ConnectorStore::HealthBatch batch;
  {
    std::lock_guard lock(m_mutex);
    for (auto& [id, e] : m_entries) {
      if (!e.dirty) continue;
      e.dirty = false;
      batch.emplace_back(id, e.health);
    }
    if (!batch.empty()) ++m_writes;
  }
  if (batch.empty()) return 0;
  auto gone = m_store.put_healths(batch);
  if (gone) {
    for (const auto& id : *gone) forget(id);
    return batch.size();
  }
  spdlog::warn("health of {} connectors not stored: {}", batch.size(), gone.problem().detail);
  std::lock_guard lock(m_mutex);
  for (const auto& [id, health] : batch)
    if (auto it = m_entries.find(id); it != m_entries.end()) it->second.dirty = true;
  return 0;
}

void HealthBoard::start_flusher(std::chrono::milliseconds interval) {
  m_flusher = std::thread([this, interval] {
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, interval, [this] { return m_stopping; })) {
      lock.unlock();
      flush();
      lock.lock();
    }
  });
}

void HealthBoard::stop_flusher() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_flusher.joinable()) m_flusher.join();
}

std::size_t HealthBoard::writes() const {
  std::lock_guard lock(m_mutex);
  return m_writes;
}

}  // namespace datahub::backend
