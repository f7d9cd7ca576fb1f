// What the nginx and tinyproxy peers share: a daemon started in the foreground as a child
// process, on a loopback port picked for it, and stopped with it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace datahub::testing {

class PeerProcess {
 public:
  PeerProcess() = default;
  ~PeerProcess() { stop(); }
  PeerProcess(const PeerProcess&) = delete;
  PeerProcess& operator=(const PeerProcess&) = delete;

  // How start() ended: kPortTaken means the caller may write its config for another port and
  // try again (the port was free when picked, but anyone on the machine may take it first).
  enum class Outcome { kListening, kPortTaken, kFailed };

  // Starts argv (argv[0] a full path) with stdout and stderr going to `output_path`, then waits
  // until it listens on 127.0.0.1:port. `logs` returns what the program wrote so far (its own log
  // files too), to tell "address in use" apart from other failures and to explain them in
  // error(): only this start's, so remove a log the program appends to before trying again.
  // On anything but kListening the child has been stopped.
  Outcome start(const std::vector<std::string>& argv, const std::string& output_path, int port,
                const std::function<std::string()>& logs);
  // Why start() failed.
  const std::string& error() const { return m_error; }

  bool running() const { return m_pid > 0; }
  pid_t pid() const { return m_pid; }
  // Sends `signal` to the child's process group (the daemon and any workers it forked), waits
  // up to `grace` for the child to exit, then kills the group.
  void stop(int signal = 15 /* SIGTERM */,
            std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

 private:
  // True when a socket the child holds listens on 127.0.0.1:port, so a connect reaches it and
  // not a stranger that took the port meanwhile.
  bool child_listens_on(int port) const;
  // Reaps the child when it exited; the exit description, or empty while it runs.
  std::string reap();

  pid_t m_pid = -1;
  std::string m_error;
};

// A port on 127.0.0.1 that was free a moment ago, for programs that cannot bind port 0 and say
// which port they got (nginx refuses port 0; tinyproxy takes it but never says).
int pick_loopback_port();

// True when a TCP connect to 127.0.0.1:port succeeds.
bool loopback_accepts(int port);

}  // namespace datahub::testing
