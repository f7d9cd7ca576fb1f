#include "hostile_upstream.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "raw_connection.h"

namespace datahub::testing {

HostileUpstream::HostileUpstream(Script script) : m_script(std::move(script)) {
  m_listen = listen_on_loopback(m_port);
  m_thread = std::thread([this] { accept_loop(); });
}

HostileUpstream::~HostileUpstream() {
  m_stopping = true;
  ::shutdown(m_listen, SHUT_RDWR);
  m_thread.join();
  for (auto& t : m_connections) t.join();
  ::close(m_listen);
}

std::string HostileUpstream::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

void HostileUpstream::accept_loop() {
  while (!m_stopping) {
    pollfd p{m_listen, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept(m_listen, nullptr, nullptr);
    if (fd < 0) continue;
    m_connections.emplace_back([this, fd] { serve(fd); });
  }
}

// Reads up to the end of the request head (the body, if any, is not needed), then the script.
void HostileUpstream::serve(int fd) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && !m_stopping) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    head.append(buf, static_cast<std::size_t>(n));
  }
  ++m_requests;
  m_script([this, fd](std::string_view bytes) {
    while (!bytes.empty() && !m_stopping) {
      const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return !m_stopping;
  });
  ::close(fd);
}

}  // namespace datahub::testing
