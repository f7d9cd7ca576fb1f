#include "metric_family.h"

#include <algorithm>
#include <cmath>

namespace datahub::backend::metrics {

void HistogramFamily::observe(std::initializer_list<std::string_view> label_values,
                              double seconds) {
  if (!(seconds >= 0)) seconds = 0;  // a clock step or NaN must not poison the sum
  Cell& cell = m_cells.at(label_values);
  const auto bound = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds);
  if (bound != kLatencyBuckets.end()) {
    cell.buckets[static_cast<std::size_t>(bound - kLatencyBuckets.begin())].fetch_add(
        1, std::memory_order_relaxed);
  }
  cell.count.fetch_add(1, std::memory_order_relaxed);
  cell.sum_ns.fetch_add(static_cast<std::uint64_t>(std::llround(seconds * 1e9)),
                        std::memory_order_relaxed);
}

Series<HistogramSnapshot> HistogramFamily::snapshot() const {
  return m_cells.snapshot<HistogramSnapshot>([](const Cell& cell) {
    HistogramSnapshot s;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      running += cell.buckets[i].load(std::memory_order_relaxed);
      s.cumulative[i] = running;
    }
    // Read after the buckets: a count never below the +Inf bucket's share of them.
    s.count = std::max(running, cell.count.load(std::memory_order_relaxed));
    s.sum_seconds = static_cast<double>(cell.sum_ns.load(std::memory_order_relaxed)) / 1e9;
    return s;
  });
}

}  // namespace datahub::backend::metrics
