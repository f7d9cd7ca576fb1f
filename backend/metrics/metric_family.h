// Counters and histograms with labels, for the Prometheus text format (prometheus_text.h).
// Debian has no C++ Prometheus client, so this is the small part of one the server needs.
//
//   CounterFamily requests("datahub_http_requests_total", "HTTP requests answered",
//                          {"method", "route", "status"});
//   requests.add({"GET", "/api/connectors", "200"});
//
// Series are found under a shared lock and bumped with atomics, so request threads never wait
// for each other; a new label set takes the exclusive lock once. Label values are kept as given:
// callers pass bounded sets (route patterns, statuses, connector ids), never raw paths.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace datahub::backend::metrics {

using LabelValues = std::vector<std::string>;

// What a scrape copies out of a family: one entry per label set, ordered by label values.
template <class Snapshot>
using Series = std::vector<std::pair<LabelValues, Snapshot>>;

// Finds or makes the cell of a label set. Cells never move or die while the family lives.
template <class Cell>
class LabeledCells {
 public:
  Cell& at(std::initializer_list<std::string_view> values) {
    thread_local std::string key;  // reused: no allocation once a thread has seen a long key
    key.clear();
    for (auto v : values) (key += v) += '\x1f';
    {
      std::shared_lock lock(m_mutex);
      if (auto it = m_cells.find(key); it != m_cells.end()) return *it->second.cell;
    }
    std::unique_lock lock(m_mutex);
    auto& entry = m_cells[key];
    if (!entry.cell) {
      entry.labels.assign(values.begin(), values.end());
      entry.cell = std::make_unique<Cell>();
    }
    return *entry.cell;
  }

  template <class Snapshot, class Read>
  Series<Snapshot> snapshot(Read read) const {
    std::shared_lock lock(m_mutex);
    Series<Snapshot> out;
    out.reserve(m_cells.size());
    for (const auto& [key, entry] : m_cells) out.emplace_back(entry.labels, read(*entry.cell));
    return out;
  }

 private:
  struct Entry {
    LabelValues labels;
    std::unique_ptr<Cell> cell;
  };
  mutable std::shared_mutex m_mutex;
  std::map<std::string, Entry> m_cells;  // ordered: a scrape lists series in a stable order
};

struct FamilyInfo {
  std::string name;
  std::string help;
  std::vector<std::string> label_names;
};

class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names)
      : m_info{std::move(name), std::move(help), std::move(label_names)} {}

  void add(std::initializer_list<std::string_view> label_values, std::uint64_t n = 1) {
    m_cells.at(label_values).fetch_add(n, std::memory_order_relaxed);
  }
  const FamilyInfo& info() const { return m_info; }
  Series<std::uint64_t> snapshot() const {
    return m_cells.snapshot<std::uint64_t>(
        [](const std::atomic<std::uint64_t>& v) { return v.load(std::memory_order_relaxed); });
  }

 private:
  FamilyInfo m_info;
  LabeledCells<std::atomic<std::uint64_t>> m_cells;
};

// Upper bounds in seconds, from 1 ms (a cached GET) to 30 s (the longest outbound timeout).
inline constexpr std::array<double, 12> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                           0.1,   0.25,   0.5,   1,    5,     30};

struct HistogramSnapshot {
  std::array<std::uint64_t, kLatencyBuckets.size()> cumulative{};  // observations <= each bound
  std::uint64_t count = 0;
  double sum_seconds = 0;
};

class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names)
      : m_info{std::move(name), std::move(help), std::move(label_names)} {}

  void observe(std::initializer_list<std::string_view> label_values, double seconds);
  const FamilyInfo& info() const { return m_info; }
  Series<HistogramSnapshot> snapshot() const;

 private:
  struct Cell {
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size()> buckets{};  // not cumulative
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};  // integer nanoseconds: atomics without a CAS loop
  };
  FamilyInfo m_info;
  LabeledCells<Cell> m_cells;
};

}  // namespace datahub::backend::metrics
