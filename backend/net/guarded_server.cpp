#include "net/guarded_server.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace datahub::backend {

// Runs each task where it is given: the accept loop's task is process_and_close_socket(sock),
// which only admits the socket (no worker is taken for a connection that has sent nothing).
class GuardedServer::Admission final : public httplib::TaskQueue {
 public:
  explicit Admission(GuardedServer& server) : m_server(server) {}
  bool enqueue(std::function<void()> fn) override {
    fn();
    return true;
  }
  void shutdown() override { m_server.shutdown_admission(); }

 private:
  GuardedServer& m_server;
};

GuardedServer::GuardedServer(AdmissionLimits limits) : m_limits(limits) {
  new_task_queue = [this]() -> httplib::TaskQueue* {
    m_workers = std::make_unique<httplib::ThreadPool>(m_limits.workers);
    m_waiter = std::make_unique<HeadWaiter>(
        m_limits.timeouts, [this](auto c) { dispatch(std::move(c)); },
        [this](auto c) { close_connection(std::move(c)); });
    return new Admission(*this);
  };
}

GuardedServer::~GuardedServer() {
  shutdown_admission();
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  admit(sock);
  return true;
}

void GuardedServer::admit(int sock) {
  Peer peer = peer_of(sock);
  {
    std::lock_guard lock(m_mutex);
    std::size_t& count = m_per_address[peer.remote_ip];
    if (count >= m_limits.per_address) {
      refuse(sock, "Too many connections from this address; retry shortly.");
      return;
    }
    ++count;
  }
  auto connection = std::make_unique<Connection>();
  connection->sock = sock;
  connection->stream = std::make_unique<ConnectionStream>(sock, std::move(peer),
                                                          std::chrono::seconds(read_timeout_sec_),
                                                          std::chrono::seconds(write_timeout_sec_));
  m_waiter->wait_for_head(std::move(connection));
}

void GuardedServer::dispatch(std::unique_ptr<Connection> connection) {
  if (m_busy.fetch_add(1) >= m_limits.workers) {
    m_busy.fetch_sub(1);
    refuse(connection->sock, "Every worker is busy; retry shortly.");
    connection->sock = -1;  // refuse() closed it
    return close_connection(std::move(connection));
  }
  // ThreadPool takes a copyable function: the connection travels as a raw pointer.
  Connection* raw = connection.release();
  m_workers->enqueue([this, raw] {
    serve(std::unique_ptr<Connection>(raw));
    m_busy.fetch_sub(1);
  });
}

// Requests on one connection, while they keep coming; then back to the waiter or closed.
void GuardedServer::serve(std::unique_ptr<Connection> connection) {
  ConnectionStream& stream = *connection->stream;
  const Peer& peer = stream.peer();
  for (;;) {
    const bool stopping = svr_sock_ == INVALID_SOCKET;
    const bool last = stopping || ++connection->requests >= keep_alive_max_count_;
    bool closed_by_client = false;
    const bool ok = process_request(stream, peer.remote_ip, peer.remote_port, peer.local_ip,
                                    peer.local_port, last, closed_by_client, nullptr);
    if (!ok || last || closed_by_client) return close_connection(std::move(connection));
    if (stream.has_buffered() || wait_for(connection->sock, POLLIN, m_limits.grace)) continue;
    return m_waiter->wait_for_next_request(std::move(connection));
  }
}

void GuardedServer::close_connection(std::unique_ptr<Connection> connection) {
  if (connection->sock >= 0) {
    ::shutdown(connection->sock, SHUT_RDWR);
    ::close(connection->sock);
  }
  std::lock_guard lock(m_mutex);
  auto it = m_per_address.find(connection->stream->peer().remote_ip);
  if (it != m_per_address.end() && --it->second == 0) m_per_address.erase(it);
}

// A fast answer without reading the request: 503 with Retry-After, then the socket closes.
void GuardedServer::refuse(int sock, const char* detail) {
  const std::string body = std::string(R"({"type":"about:blank","title":"Service unavailable",)") +
                           R"("status":503,"detail":")" + detail + "\"}";
  const std::string answer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
      "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  [[maybe_unused]] const auto n =
      ::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

void GuardedServer::shutdown_admission() {
  if (m_waiter) m_waiter->stop();
  if (m_workers) m_workers->shutdown();
  m_waiter.reset();
  m_workers.reset();
}

}  // namespace datahub::backend
