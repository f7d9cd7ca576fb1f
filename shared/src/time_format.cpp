// Civil-date arithmetic after Howard Hinnant's days_from_civil / civil_from_days (public
// domain): exact over the whole proleptic Gregorian calendar, with no C library calls, which
// is why it is thread-safe and behaves the same under Emscripten.
#include "datahub/time_format.h"

#include <cstdint>
#include <cstdio>

namespace datahub {
namespace {

struct CivilDate {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Floor division, so times before 1970 land on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, unsigned& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return true;
}

bool is_leap(unsigned y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(unsigned y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Skips ".123..." when present; returns the position after it.
std::size_t skip_fraction(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '.') return pos;
  std::size_t end = pos + 1;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return end == pos + 1 ? std::string_view::npos : end;
}

}  // namespace

std::string format_rfc3339_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const std::int64_t secs = floor<seconds>(t.time_since_epoch()).count();
  const std::int64_t days = floor_div(secs, 86400);
  const std::int64_t rest = secs - days * 86400;
  const CivilDate date = civil_from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<long long>(date.year), date.month, date.day,
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

std::optional<std::int64_t> parse_rfc3339_utc_seconds(std::string_view text) {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const bool shape = read_digits(text, 0, 4, y) && text.size() > 19 && text[4] == '-' &&
                     read_digits(text, 5, 2, mo) && text[7] == '-' && read_digits(text, 8, 2, d) &&
                     (text[10] == 'T' || text[10] == 't') && read_digits(text, 11, 2, h) &&
                     text[13] == ':' && read_digits(text, 14, 2, mi) && text[16] == ':' &&
                     read_digits(text, 17, 2, s);
  if (!shape || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      s > 59) {
    return std::nullopt;
  }
  const auto end = skip_fraction(text, 19);
  if (end == std::string_view::npos || end + 1 != text.size()) return std::nullopt;
  if (text[end] != 'Z' && text[end] != 'z') return std::nullopt;
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339_utc(std::string_view text) {
  using std::chrono::system_clock;
  const auto secs = parse_rfc3339_utc_seconds(text);
  if (!secs) return std::nullopt;
  const auto range = [](system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  };
  if (*secs > range(system_clock::time_point::max()) ||
      *secs < range(system_clock::time_point::min())) {
    return std::nullopt;
  }
  return system_clock::time_point{std::chrono::seconds{*secs}};
}

}  // namespace datahub
