// The server's wall clock moved ahead by libfaketime, preloaded into the server process only,
// for expiry tests (sessions, API tokens) that cannot wait hours.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace datahub::testing {

class FakeClock {
 public:
  // The clock's offset lives in a file under `dir` (a TempDir the caller keeps).
  explicit FakeClock(const std::string& dir);

  // Why the fake clock cannot be used in this build or on this machine, or nothing.
  static std::optional<std::string> unavailable();

  // The environment that makes a server read this clock (ServerConfig::env).
  std::map<std::string, std::string> server_env() const;

  // Moves the server's wall clock `seconds` ahead of the real one; the next reading sees it.
  void set_offset(long seconds) const;

 private:
  std::string m_file;
};

}  // namespace datahub::testing
