// Starts a real datahub-server as a child process on an ephemeral loopback port, for tests.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

namespace datahub::testing {

struct ServerConfig {
  std::string data_dir;                    // made by the caller (a TempDir)
  std::vector<std::string> extra_args;     // e.g. --allow-private-networks
  std::map<std::string, std::string> env;  // added to (or replacing in) the environment
  bool with_admin_token = true;            // sets DATAHUB_ADMIN_TOKEN=admin_token()
};

class ServerProcess {
 public:
  explicit ServerProcess(ServerConfig config);
  ~ServerProcess();  // stops the server if it still runs

  // False (and the output in `output()`) when the server exited before listening.
  bool started() const { return m_port > 0; }
  int port() const { return m_port; }
  pid_t pid() const { return m_pid; }
  // The exit status of a server that exited before listening; -1 otherwise.
  int early_exit_code() const { return m_early_exit_code; }
  // The process's peak resident memory so far (VmHWM), in KiB; -1 when it cannot be read.
  long peak_rss_kib() const;
  std::string base_url() const;
  // Everything the server printed so far (stdout and stderr).
  std::string output();
  // SIGTERM, then the exit status (or -1 when it had to be killed).
  int stop();
  void kill_hard();

  // A client with the admin token set.
  std::unique_ptr<httplib::Client> client() const;

  static const std::string& admin_token();
  static std::string server_path();

 private:
  int wait_for_exit(int timeout_ms);

  ServerConfig m_config;
  pid_t m_pid = -1;
  int m_port = 0;
  int m_early_exit_code = -1;
  std::string m_log_path;
};

// A fresh temporary directory, removed with everything in it when it goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

// Reads a whole file (binary), empty when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace datahub::testing
