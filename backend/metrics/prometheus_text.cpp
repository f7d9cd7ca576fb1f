#include "prometheus_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace datahub::backend::metrics {

namespace {

// Integers (counts) exactly; other values in the fewest digits that read back the same double
// ("0.0025", not "0.0025000000000000001").
std::string format_number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buffer[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
  }
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

// HELP text escapes backslash and newline only.
std::string escape_help(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void PrometheusText::header(std::string_view name, std::string_view type, std::string_view help) {
  ((((m_out += "# HELP ") += name) += ' ') += escape_help(help)) += '\n';
  ((((m_out += "# TYPE ") += name) += ' ') += type) += '\n';
}

void PrometheusText::sample(std::string_view name, const FamilyInfo& info,
                            const LabelValues& values, std::string_view extra_label,
                            std::string_view extra_value, double value) {
  m_out += name;
  const bool any = !values.empty() || !extra_label.empty();
  if (any) m_out += '{';
  bool first = true;
  auto label = [&](std::string_view label_name, std::string_view label_value) {
    if (!first) m_out += ',';
    first = false;
    (((m_out += label_name) += "=\"") += escape_label_value(label_value)) += '"';
  };
  for (std::size_t i = 0; i < values.size() && i < info.label_names.size(); ++i) {
    label(info.label_names[i], values[i]);
  }
  if (!extra_label.empty()) label(extra_label, extra_value);
  if (any) m_out += '}';
  ((m_out += ' ') += format_number(value)) += '\n';
}

void PrometheusText::counter(const CounterFamily& family) {
  const FamilyInfo& info = family.info();
  header(info.name, "counter", info.help);
  for (const auto& [labels, v] : family.snapshot()) {
    sample(info.name, info, labels, "", "", static_cast<double>(v));
  }
}

void PrometheusText::histogram(const HistogramFamily& family) {
  const FamilyInfo& info = family.info();
  header(info.name, "histogram", info.help);
  const std::string bucket = info.name + "_bucket";
  for (const auto& [labels, h] : family.snapshot()) {
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      sample(bucket, info, labels, "le", format_number(kLatencyBuckets[i]),
             static_cast<double>(h.cumulative[i]));
    }
    sample(bucket, info, labels, "le", "+Inf", static_cast<double>(h.count));
    sample(info.name + "_sum", info, labels, "", "", h.sum_seconds);
    sample(info.name + "_count", info, labels, "", "", static_cast<double>(h.count));
  }
}

void PrometheusText::value(std::string_view name, std::string_view type, std::string_view help,
                           double v) {
  header(name, type, help);
  static const FamilyInfo kNoLabels;
  sample(name, kNoLabels, {}, "", "", v);
}

}  // namespace datahub::backend::metrics
