#include "net/guarded_server.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
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

namespace {

// Set while a worker writes an answer that says "Connection: close": the connection then ends
// after it (httplib would go on reading the bytes after a refused request as the next one).
thread_local bool t_answer_closes = false;

bool says_close(const httplib::Headers& headers) {
  auto [first, last] = headers.equal_range("Connection");
  return std::any_of(first, last, [](const auto& h) { return h.second == "close"; });
}

// Connections beyond what the process may open would fail in accept() anyway (and leave
// nothing for the store and outbound calls): keep a margin below the limit of open files.
std::size_t within_open_file_limit(std::size_t wanted) {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY) return wanted;
  const std::size_t margin = 128;
  const std::size_t room = files.rlim_cur > margin * 2 ? files.rlim_cur - margin : margin;
  return std::min(wanted, room);
}

}  // namespace

GuardedServer::GuardedServer(AdmissionLimits limits, std::shared_ptr<const TlsContext> tls)
    : m_limits(limits), m_tls(std::move(tls)) {
  m_limits.max_connections = within_open_file_limit(m_limits.max_connections);
  set_header_writer([tls = m_tls != nullptr](httplib::Stream& strm, httplib::Headers& headers) {
    t_answer_closes = says_close(headers);
    // Over HTTPS browsers are told to come back only over HTTPS (a year), on every answer.
    if (tls) headers.emplace("Strict-Transport-Security", "max-age=31536000");
    return httplib::detail::write_headers(strm, headers);
  });
  new_task_queue = [this]() -> httplib::TaskQueue* {
    m_workers = std::make_unique<httplib::ThreadPool>(m_limits.workers);
    m_waiter = std::make_unique<HeadWaiter>(
        m_limits.timeouts, [this](auto c) { dispatch(std::move(c)); },
        [this](auto c) { drop(std::move(c)); });
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
    if (m_connections >= m_limits.max_connections) {
      refuse(sock, "The server has too many connections; retry shortly.");
      return;
    }
    AddressUse& use = m_per_address[peer.remote_ip];
    if (use.connections >= m_limits.per_address) {
      refuse(sock, "Too many connections from this address; retry shortly.");
      return;
    }
    ++use.connections;
    ++m_connections;
  }
  auto connection = std::make_unique<Connection>();
  connection->sock = sock;
  SSL* ssl = m_tls ? m_tls->new_session(sock) : nullptr;
  connection->stream = std::make_unique<ConnectionStream>(sock, std::move(peer), ssl,
                                                          std::chrono::seconds(read_timeout_sec_),
                                                          std::chrono::seconds(write_timeout_sec_));
  if (m_tls && ssl == nullptr) return close_connection(std::move(connection));
  m_waiter->wait_for_head(std::move(connection));
}

void GuardedServer::dispatch(std::unique_ptr<Connection> connection) {
  const std::string address = connection->stream->peer().remote_ip;
  if (!take_worker(address)) {
    connection->stream->send_now(
        problem_answer(503, "Service unavailable", "Every worker is busy; retry shortly."));
    return close_connection(std::move(connection));
  }
  // ThreadPool takes a copyable function: the connection travels as a raw pointer.
  Connection* raw = connection.release();
  m_workers->enqueue([this, raw, address] {
    serve(std::unique_ptr<Connection>(raw));
    release_worker(address);
  });
}

// One address may hold at most 3/4 of the workers: a client that stops reading its answers
// (each worker then waits out its write timeout) cannot take them all.
bool GuardedServer::take_worker(const std::string& address) {
  const std::size_t per_address = std::max<std::size_t>(1, m_limits.workers * 3 / 4);
  std::lock_guard lock(m_mutex);
  AddressUse& use = m_per_address[address];
  if (m_busy >= m_limits.workers || use.busy >= per_address) return false;
  ++m_busy;
  ++use.busy;
  return true;
}

void GuardedServer::release_worker(const std::string& address) {
  std::lock_guard lock(m_mutex);
  --m_busy;
  auto it = m_per_address.find(address);
  if (it == m_per_address.end()) return;
  --it->second.busy;
  forget_if_unused(it);
}

void GuardedServer::forget_if_unused(std::map<std::string, AddressUse>::iterator it) {
  if (it->second.connections == 0 && it->second.busy == 0) m_per_address.erase(it);
}

// Requests on one connection, while they keep coming; then back to the waiter or closed.
void GuardedServer::serve(std::unique_ptr<Connection> connection) {
  ConnectionStream& stream = *connection->stream;
  const Peer& peer = stream.peer();
  for (;;) {
    const bool stopping = svr_sock_ == INVALID_SOCKET;
    const bool last = stopping || ++connection->requests >= keep_alive_max_count_;
    bool closed_by_client = false;
    t_answer_closes = false;
    const bool ok = process_request(stream, peer.remote_ip, peer.remote_port, peer.local_ip,
                                    peer.local_port, last, closed_by_client,
                                    [&stream](httplib::Request& req) { req.ssl = stream.ssl(); });
    if (!ok || last || closed_by_client || t_answer_closes)
      return close_connection(std::move(connection));
    if (stream.has_buffered() || wait_for(connection->sock, POLLIN, m_limits.grace)) continue;
    return m_waiter->wait_for_next_request(std::move(connection));
  }
}

// A plain request on the HTTPS port gets told so, as nginx does, instead of a reset.
void GuardedServer::drop(std::unique_ptr<Connection> connection) {
  if (connection->stream->plain_http_on_tls()) {
    connection->stream->send_now(
        problem_answer(400, "Bad request", "This port serves HTTPS: use an https:// address."));
  }
  close_connection(std::move(connection));
}

void GuardedServer::close_connection(std::unique_ptr<Connection> connection) {
  connection->stream->close_notify();
  if (connection->sock >= 0) {
    ::shutdown(connection->sock, SHUT_RDWR);
    ::close(connection->sock);
  }
  std::lock_guard lock(m_mutex);
  --m_connections;
  auto it = m_per_address.find(connection->stream->peer().remote_ip);
  if (it == m_per_address.end()) return;
  --it->second.connections;
  forget_if_unused(it);
}

// A whole answer with a problem body (docs/API.md, "Problems"), closing the connection.
std::string GuardedServer::problem_answer(int status, const char* title, const char* detail) {
  const std::string body = std::string(R"({"type":"about:blank","title":")") + title +
                           R"(","status":)" + std::to_string(status) + R"(,"detail":")" + detail +
                           "\"}";
  return "HTTP/1.1 " + std::to_string(status) + " " + httplib::status_message(status) +
         "\r\nContent-Type: application/problem+json\r\n" +
         (status == 503 ? "Retry-After: 1\r\n" : "") +
         "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A fast answer without reading the request: 503 with Retry-After, then the socket closes.
// Over HTTPS nothing can be said before the handshake: the connection is just closed.
void GuardedServer::refuse(int sock, const char* detail) {
  if (!m_tls) {
    const std::string answer = problem_answer(503, "Service unavailable", detail);
    [[maybe_unused]] const auto n =
        ::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
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
