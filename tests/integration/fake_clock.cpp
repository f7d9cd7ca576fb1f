#include "fake_clock.h"

#include <cstdio>
#include <fstream>

namespace datahub::testing {
namespace {

// The thread-safe build of libfaketime: the server reads the clock from many threads at once.
const char* kFakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

// g++ says it is an ASan build with __SANITIZE_ADDRESS__, clang (the asan preset's) by a feature.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsanBuild = true;
#elif defined(__has_feature)
constexpr bool kAsanBuild = __has_feature(address_sanitizer);
#else
constexpr bool kAsanBuild = false;
#endif

}  // namespace

FakeClock::FakeClock(const std::string& dir) : m_file(dir + "/clock") {
  set_offset(0);
}

std::optional<std::string> FakeClock::unavailable() {
  // A preloaded library ahead of the ASan runtime: the server passed these tests here, yet
  // failed them twice in CI's sandbox, where nothing else failed. The clock arithmetic under test
  // has no memory of its own for ASan to check; the native stage runs these tests.
  if (kAsanBuild) return "the fake clock is not preloaded into an ASan build (native runs this)";
  if (!std::ifstream(kFakeTime)) return "libfaketime is not installed";
  return std::nullopt;
}

std::map<std::string, std::string> FakeClock::server_env() const {
  return {{"LD_PRELOAD", kFakeTime},
          {"FAKETIME_TIMESTAMP_FILE", m_file},
          {"FAKETIME_NO_CACHE", "1"},
          {"FAKETIME_DONT_FAKE_MONOTONIC", "1"}};
}

void FakeClock::set_offset(long seconds) const {
  // Written whole to a new file, then renamed over the old one: a reader never sees it empty.
  const std::string next = m_file + ".next";
  std::ofstream(next, std::ios::trunc) << "+" << seconds << "\n";
  std::rename(next.c_str(), m_file.c_str());
}

}  // namespace datahub::testing
