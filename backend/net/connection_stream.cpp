#include "net/connection_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace datahub::backend {
namespace {

constexpr std::size_t kBufferBytes = 16 * 1024;  // as httplib's own socket stream

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    port = ntohs(in.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    port = ntohs(in6.sin6_port);
  }
  ip = text;
}

}  // namespace

Peer peer_of(int sock) {
  Peer peer;
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    address_of(addr, peer.remote_ip, peer.remote_port);
  len = sizeof addr;
  if (getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    address_of(addr, peer.local_ip, peer.local_port);
  return peer;
}

bool wait_for(int sock, short events, std::chrono::milliseconds timeout) {
  pollfd p{sock, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n < 0 && errno == EINTR) continue;
    return n > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
  }
}

ConnectionStream::ConnectionStream(int sock, Peer peer, std::chrono::milliseconds read_timeout,
                                   std::chrono::milliseconds write_timeout)
    : m_sock(sock),
      m_peer(std::move(peer)),
      m_read_timeout(read_timeout),
      m_write_timeout(write_timeout),
      m_buffer(kBufferBytes) {}

bool ConnectionStream::is_readable() const {
  return has_buffered() || wait_for(m_sock, POLLIN, m_read_timeout);
}

bool ConnectionStream::is_writable() const {
  if (!wait_for(m_sock, POLLOUT, m_write_timeout)) return false;
  // Like httplib: a peer that has gone (EOF or error pending) is not written to.
  char byte = 0;
  const ssize_t n = ::recv(m_sock, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (has_buffered()) {
    const std::size_t n = std::min(size, m_size - m_offset);
    std::memcpy(ptr, m_buffer.data() + m_offset, n);
    m_offset += n;
    return static_cast<ssize_t>(n);
  }
  if (!wait_for(m_sock, POLLIN, m_read_timeout)) return -1;
  // httplib reads a request head a byte at a time: fill the buffer instead of a syscall each.
  if (size >= m_buffer.size()) return ::recv(m_sock, ptr, size, 0);
  const ssize_t n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
  if (n <= 0) return n;
  m_offset = 0;
  m_size = static_cast<std::size_t>(n);
  return read(ptr, size);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (!wait_for(m_sock, POLLOUT, m_write_timeout)) return -1;
  return ::send(m_sock, ptr, size, MSG_NOSIGNAL);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = m_peer.remote_ip;
  port = m_peer.remote_port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = m_peer.local_ip;
  port = m_peer.local_port;
}

}  // namespace datahub::backend
