// Connections waiting for a complete request head, all watched by one thread with epoll, so a
// client that sends its head a byte at a time holds a file descriptor, not a worker thread.
// A connection leaves when its head is complete (to a worker), when its deadline passes (a head
// must arrive in time; a kept-alive connection may idle a while first), or when it closes.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "net/connection_stream.h"

namespace datahub::backend {

struct Connection {
  int sock = -1;
  std::unique_ptr<ConnectionStream> stream;
  std::size_t requests = 0;  // served on it so far
};

struct HeadTimeouts {
  std::chrono::milliseconds head{10000};  // from a head's first byte to its end
  std::chrono::milliseconds idle{5000};   // a kept-alive connection's wait for its next request
};

class HeadWaiter {
 public:
  using Handler = std::function<void(std::unique_ptr<Connection>)>;
  // `ready` gets connections whose head is complete; `drop` those to close (late or gone).
  HeadWaiter(HeadTimeouts timeouts, Handler ready, Handler drop);
  ~HeadWaiter();

  // A new connection: its head must be complete within the head timeout.
  void wait_for_head(std::unique_ptr<Connection> connection);
  // A kept-alive connection between requests: idle timeout, then the head timeout.
  void wait_for_next_request(std::unique_ptr<Connection> connection);
  // Drops every waiting connection and ends the thread.
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiting {
    std::unique_ptr<Connection> connection;
    Clock::time_point deadline;
    bool idle = false;  // no byte of the next request yet
    int reads = 0;      // readiness events so far
  };

  void add(std::unique_ptr<Connection> connection, bool idle);
  void run();
  void on_readable(int sock);
  void drop_expired();
  std::unique_ptr<Connection> take(int sock);

  HeadTimeouts m_timeouts;
  Handler m_ready;
  Handler m_drop;
  int m_epoll = -1;
  int m_wakeup = -1;  // an eventfd that ends epoll_wait on stop()
  std::mutex m_mutex;
  std::map<int, Waiting> m_waiting;  // by socket
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace datahub::backend
