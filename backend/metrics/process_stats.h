// The process's own figures for /api/metrics, read from /proc/self at scrape time under the
// names of Prometheus's standard process collector.
#pragma once

#include <optional>

namespace datahub::backend::metrics {

struct ProcessStats {
  std::optional<double> resident_memory_bytes;  // /proc/self/statm, resident pages
  std::optional<double> open_fds;               // entries of /proc/self/fd
  std::optional<double> cpu_seconds;            // utime + stime of /proc/self/stat
  std::optional<double> start_time_seconds;     // since the Unix epoch
};

ProcessStats read_process_stats();

}  // namespace datahub::backend::metrics
