#include "ui_time.h"

namespace datahub::web {

std::string ShownTime(const std::string& rfc3339, TimePrecision precision) {
  const std::size_t length = precision == TimePrecision::Minutes ? 16 : 19;
  if (rfc3339.size() < 19 || rfc3339[10] != 'T') return rfc3339;
  std::string s = rfc3339.substr(0, length);
  s[10] = ' ';
  return s + " UTC";
}

}  // namespace datahub::web
