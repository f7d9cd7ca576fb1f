// cpp-httplib's server with admission control in front. httplib gives each connection a worker
// thread from accept to close; 64 clients that send their heads a byte every 2 s stopped the
// server. Here:
// - a connection waits for its request head without a thread (HeadWaiter), within a deadline;
// - it gets a worker only for the time of a request, and goes back to waiting between the
//   requests of a kept-alive connection (after a short grace, so busy clients stay on theirs);
// - one client address holds at most `per_address` connections and 3/4 of the workers, and
//   all clients together at most `max_connections` connections (within the process's limit
//   of open files);
// - when every worker is busy, a request gets a fast 503 with Retry-After instead of a queue.
// - an answer that says "Connection: close" ends its connection;
// - with a TlsContext it serves HTTPS: the handshake, like the head, is done by the waiter,
//   and every answer carries HSTS.
// The override point is the one httplib's own SSLServer uses (process_and_close_socket).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <httplib.h>

#include "net/head_waiter.h"
#include "net/tls_context.h"

namespace datahub::backend {

struct AdmissionLimits {
  std::size_t workers = 64;
  std::size_t per_address = 64;
  std::size_t max_connections = 4096;
  HeadTimeouts timeouts;
  // How long a worker keeps a kept-alive connection after a response before parking it.
  std::chrono::milliseconds grace{2};
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(AdmissionLimits limits = {},
                         std::shared_ptr<const TlsContext> tls = nullptr);
  ~GuardedServer() override;

  const AdmissionLimits& limits() const { return m_limits; }

 private:
  class Admission;  // httplib's task queue: the accept loop hands every socket to it

  bool process_and_close_socket(socket_t sock) override;
  void admit(int sock);
  void dispatch(std::unique_ptr<Connection> connection);
  void serve(std::unique_ptr<Connection> connection);
  bool take_worker(const std::string& address);
  void release_worker(const std::string& address);
  void drop(std::unique_ptr<Connection> connection);
  void close_connection(std::unique_ptr<Connection> connection);
  void refuse(int sock, const char* detail);
  static std::string problem_answer(int status, const char* title, const char* detail);
  void shutdown_admission();

  AdmissionLimits m_limits;
  std::shared_ptr<const TlsContext> m_tls;
  std::unique_ptr<httplib::ThreadPool> m_workers;
  std::unique_ptr<HeadWaiter> m_waiter;
  struct AddressUse {
    std::size_t connections = 0;
    std::size_t busy = 0;  // workers serving its requests
  };
  // Drops an address's entry once it holds neither connections nor workers (m_mutex held).
  void forget_if_unused(std::map<std::string, AddressUse>::iterator it);

  std::mutex m_mutex;  // guards the counts below
  std::size_t m_connections = 0;
  std::size_t m_busy = 0;
  std::map<std::string, AddressUse> m_per_address;
};

}  // namespace datahub::backend
