#include "process_stats.h"

#include <dirent.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace datahub::backend::metrics {

namespace {

std::optional<double> resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return std::nullopt;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

std::optional<double> open_fds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return std::nullopt;
  long count = 0;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return static_cast<double>(count - 1);  // not the descriptor reading the directory
}

std::optional<double> boot_time_seconds() {
  std::ifstream stat("/proc/stat");
  for (std::string line; std::getline(stat, line);) {
    if (line.rfind("btime ", 0) == 0) return std::stod(line.substr(6));
  }
  return std::nullopt;
}

// Fields 14, 15 (utime, stime) and 22 (starttime) of /proc/self/stat, in clock ticks; the
// command name (field 2) may hold spaces, so counting starts after its closing parenthesis.
void read_stat(ProcessStats& stats) {
  std::ifstream file("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close == std::string::npos) return;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0, start = 0;
  for (int index = 3; fields >> field; ++index) {
    if (index == 14) utime = std::stod(field);
    if (index == 15) stime = std::stod(field);
    if (index == 22) {
      start = std::stod(field);
      break;
    }
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  if (ticks <= 0) return;
  stats.cpu_seconds = (utime + stime) / ticks;
  if (auto boot = boot_time_seconds()) stats.start_time_seconds = *boot + start / ticks;
}

}  // namespace

ProcessStats read_process_stats() {
  ProcessStats stats;
  stats.resident_memory_bytes = resident_bytes();
  stats.open_fds = open_fds();
  read_stat(stats);
  return stats;
}

}  // namespace datahub::backend::metrics
