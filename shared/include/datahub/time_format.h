// RFC 3339 UTC timestamps ("2026-11-29T21:10:15Z"), the contract's only time format.
#pragma once

#include <chrono>
#include <string>

namespace datahub {

std::string format_rfc3339_utc(std::chrono::system_clock::time_point t);

}  // namespace datahub
