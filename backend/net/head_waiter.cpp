#include "net/head_waiter.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace datahub::backend {
namespace {

// Real clients send a head in a few segments; one that needs this many is dribbling.
constexpr int kMaxReadsPerHead = 256;
constexpr int kTickMs = 100;  // how often deadlines are checked

}  // namespace

HeadWaiter::HeadWaiter(HeadTimeouts timeouts, Handler ready, Handler drop)
    : m_timeouts(timeouts), m_ready(std::move(ready)), m_drop(std::move(drop)) {
  m_epoll = epoll_create1(EPOLL_CLOEXEC);
  m_wakeup = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = m_wakeup;
  epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeup, &ev);
  m_thread = std::thread([this] { run(); });
}

HeadWaiter::~HeadWaiter() {
  stop();
  ::close(m_wakeup);
  ::close(m_epoll);
}

void HeadWaiter::wait_for_head(std::unique_ptr<Connection> connection) {
  add(std::move(connection), /*idle=*/false);
}

void HeadWaiter::wait_for_next_request(std::unique_ptr<Connection> connection) {
  add(std::move(connection), /*idle=*/true);
}

void HeadWaiter::add(std::unique_ptr<Connection> connection, bool idle) {
  const int sock = connection->sock;
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      m_drop(std::move(connection));
      return;
    }
    const auto wait = idle ? m_timeouts.idle : m_timeouts.head;
    m_waiting[sock] = Waiting{std::move(connection), Clock::now() + wait, idle, 0};
  }
  // Edge-triggered: each new segment fires once, and read_available reads until the socket
  // has nothing more.
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  ev.data.fd = sock;
  epoll_ctl(m_epoll, EPOLL_CTL_ADD, sock, &ev);
}

void HeadWaiter::stop() {
  std::map<int, Waiting> left;
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;
    m_stopping = true;
    left.swap(m_waiting);
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(m_wakeup, &one, sizeof one);
  if (m_thread.joinable()) m_thread.join();
  for (auto& [sock, waiting] : left) {
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, sock, nullptr);
    m_drop(std::move(waiting.connection));
  }
}

std::unique_ptr<Connection> HeadWaiter::take(int sock) {
  std::lock_guard lock(m_mutex);
  auto it = m_waiting.find(sock);
  if (it == m_waiting.end()) return nullptr;
  auto connection = std::move(it->second.connection);
  m_waiting.erase(it);
  epoll_ctl(m_epoll, EPOLL_CTL_DEL, sock, nullptr);
  return connection;
}

void HeadWaiter::run() {
  std::vector<epoll_event> events(256);
  for (;;) {
    const int n = epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()), kTickMs);
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) return;
    }
    for (int i = 0; i < n; ++i)
      if (events[i].data.fd != m_wakeup) on_readable(events[i].data.fd);
    drop_expired();
  }
}

// Reads what arrived into the connection's own buffer (only this thread touches a waiting
// connection, and only this thread removes one, so its stream is used outside the lock).
void HeadWaiter::on_readable(int sock) {
  ConnectionStream* stream = nullptr;
  {
    std::lock_guard lock(m_mutex);
    auto it = m_waiting.find(sock);
    if (it == m_waiting.end()) return;
    stream = it->second.connection->stream.get();
  }
  const HeadState state = stream->read_available();
  if (state == HeadState::partial) {
    std::lock_guard lock(m_mutex);
    Waiting& waiting = m_waiting.at(sock);
    if (waiting.idle) {  // the next request has begun: it now has the head timeout
      waiting.idle = false;
      waiting.deadline = Clock::now() + m_timeouts.head;
    }
    const bool dribbling = ++waiting.reads > kMaxReadsPerHead;
    if (!dribbling) return;
  }
  auto connection = take(sock);
  if (!connection) return;
  if (state == HeadState::complete)
    m_ready(std::move(connection));
  else
    m_drop(std::move(connection));
}

void HeadWaiter::drop_expired() {
  std::vector<std::unique_ptr<Connection>> expired;
  {
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
      if (it->second.deadline > now) {
        ++it;
        continue;
      }
      epoll_ctl(m_epoll, EPOLL_CTL_DEL, it->first, nullptr);
      expired.push_back(std::move(it->second.connection));
      it = m_waiting.erase(it);
    }
  }
  for (auto& connection : expired) m_drop(std::move(connection));
}

}  // namespace datahub::backend
