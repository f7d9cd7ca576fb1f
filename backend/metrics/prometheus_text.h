// The Prometheus text exposition format, version 0.0.4: HELP and TYPE lines, escaped label
// values, histograms as _bucket{le=...}, _sum and _count.
#pragma once

#include <string>
#include <string_view>

#include "metric_family.h"

namespace datahub::backend::metrics {

inline constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

// Label value escaping: backslash, double quote and newline (the format's three escapes).
std::string escape_label_value(std::string_view value);

class PrometheusText {
 public:
  void counter(const CounterFamily& family);
  void histogram(const HistogramFamily& family);
  // A single unlabelled value; `type` is "gauge" or "counter".
  void value(std::string_view name, std::string_view type, std::string_view help, double value);

  const std::string& text() const { return m_out; }

 private:
  void header(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, const FamilyInfo& info, const LabelValues& values,
              std::string_view extra_label, std::string_view extra_value, double value);
  std::string m_out;
};

}  // namespace datahub::backend::metrics
