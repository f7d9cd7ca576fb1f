// A real PostgreSQL server for tests: Debian's binaries (/usr/lib/postgresql/<version>/bin),
// a cluster made by initdb in a temporary directory, listening on 127.0.0.1 on a picked port
// (and a Unix socket in that directory), trust authentication for the user "datahub". Never the
// machine's own cluster. PostgreSQL refuses to run as root: as root the cluster belongs to
// `nobody` and initdb and postgres run as that user (setpriv); otherwise as the current user.
// Stopped at once (immediate shutdown) with this object, and its directory removed.
#pragma once

#include <chrono>
#include <string>

#include "peer_process.h"

namespace datahub::testing {

class PostgresPeer {
 public:
  PostgresPeer() = default;
  ~PostgresPeer() { stop(); }
  PostgresPeer(const PostgresPeer&) = delete;
  PostgresPeer& operator=(const PostgresPeer&) = delete;

  // initdb, then postgres until it listens. False with the reason in error().
  bool start();
  const std::string& error() const { return m_error; }
  void stop();
  // A database restart: halt() shuts the server down (fast shutdown: sessions are ended with
  // 57P01) keeping its directory and port; resume() starts it again there. False with the
  // reason in error().
  void halt();
  bool resume();

  int port() const { return m_port; }
  // The postmaster's process id (-1 when stopped).
  pid_t pid() const { return m_process.pid(); }
  // "postgresql://datahub@127.0.0.1:PORT/<database>".
  std::string url(const std::string& database = "postgres") const;
  // A new empty database (db1, db2, ...): its URL, or "" with the reason in error().
  std::string create_database();
  // How long start() took (initdb and the server's start).
  std::chrono::milliseconds start_time() const { return m_start_time; }

  // One server for the whole test binary, started on first use; nullptr (with the reason on
  // stderr) when it cannot start.
  static PostgresPeer* shared();

 private:
  bool make_dir();
  bool init_cluster();
  bool wait_until_ready();
  // postgres on m_port; the outcome of PeerProcess::start.
  PeerProcess::Outcome launch();

  std::string m_dir;
  std::string m_bin;
  PeerProcess m_process;
  int m_port = 0;
  int m_databases = 0;
  std::chrono::milliseconds m_start_time{0};
  std::string m_error;
};

}  // namespace datahub::testing
