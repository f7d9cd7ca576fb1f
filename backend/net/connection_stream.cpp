#include "net/connection_stream.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <openssl/err.h>

namespace datahub::backend {
namespace {

constexpr std::size_t kFirstBufferBytes = 4 * 1024;  // enough for most heads; grows on demand
// A head that does not fit in this many bytes is handed on as it is: httplib refuses lines
// over 8 KiB and more than 100 fields itself.
constexpr std::size_t kMaxHeadBytes = 64 * 1024;
// receive_now's answer when nothing can be read without waiting.
constexpr ssize_t kWouldBlock = -2;

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

ConnectionStream::ConnectionStream(int sock, Peer peer, SSL* ssl,
                                   std::chrono::milliseconds read_timeout,
                                   std::chrono::milliseconds write_timeout)
    : m_sock(sock),
      m_peer(std::move(peer)),
      m_ssl(ssl),
      m_read_timeout(read_timeout),
      m_write_timeout(write_timeout),
      m_buffer(kFirstBufferBytes) {
  // OpenSSL reads and writes the socket itself: only a non-blocking one lets the watching
  // thread drive a handshake, and the workers' waits keep their timeouts.
  if (m_ssl != nullptr) fcntl(m_sock, F_SETFL, fcntl(m_sock, F_GETFL) | O_NONBLOCK);
}

ConnectionStream::~ConnectionStream() {
  if (m_ssl != nullptr) SSL_free(m_ssl);
}

bool ConnectionStream::has_buffered() const {
  return m_offset < m_size || (m_ssl != nullptr && SSL_pending(m_ssl) > 0);
}

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
  if (m_offset < m_size) {
    const std::size_t n = std::min(size, m_size - m_offset);
    std::memcpy(ptr, m_buffer.data() + m_offset, n);
    m_offset += n;
    return static_cast<ssize_t>(n);
  }
  // httplib reads a request head a byte at a time: fill the buffer instead of a call each.
  if (size >= m_buffer.size()) return receive(ptr, size);
  const ssize_t n = receive(m_buffer.data(), m_buffer.size());
  if (n <= 0) return n;
  m_offset = 0;
  m_size = static_cast<std::size_t>(n);
  return read(ptr, size);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (m_ssl != nullptr) return tls_write(ptr, size);
  if (!wait_for(m_sock, POLLOUT, m_write_timeout)) return -1;
  return ::send(m_sock, ptr, size, MSG_NOSIGNAL);
}

// Bytes (> 0), 0 at the end of the stream, -1 on an error, kWouldBlock.
ssize_t ConnectionStream::receive_now(char* ptr, size_t size) {
  if (m_ssl != nullptr) return tls_receive_now(ptr, size);
  for (;;) {
    const ssize_t n = ::recv(m_sock, ptr, size, MSG_DONTWAIT);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : -1;
  }
}

// As receive_now, waiting up to the read timeout for each step.
ssize_t ConnectionStream::receive(char* ptr, size_t size) {
  for (;;) {
    const ssize_t n = receive_now(ptr, size);
    if (n != kWouldBlock) return n;
    if (!wait_for(m_sock, m_wants_write ? POLLOUT : POLLIN, m_read_timeout)) return -1;
  }
}

ssize_t ConnectionStream::tls_receive_now(char* ptr, size_t size) {
  ERR_clear_error();
  const int n =
      m_handshake_done ? SSL_read(m_ssl, ptr, static_cast<int>(size)) : SSL_do_handshake(m_ssl);
  if (n > 0 && !m_handshake_done) {
    m_handshake_done = true;
    return tls_receive_now(ptr, size);
  }
  if (n > 0) return n;
  const int error = SSL_get_error(m_ssl, n);
  m_wants_write = error == SSL_ERROR_WANT_WRITE;
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) return kWouldBlock;
  ERR_clear_error();
  return error == SSL_ERROR_ZERO_RETURN ? 0 : -1;
}

ssize_t ConnectionStream::tls_write(const char* ptr, size_t size) {
  for (;;) {
    ERR_clear_error();
    const int n = SSL_write(m_ssl, ptr, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
    if (n > 0) return n;
    const int error = SSL_get_error(m_ssl, n);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
      ERR_clear_error();
      return -1;
    }
    const short events = error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
    if (!wait_for(m_sock, events, m_write_timeout)) return -1;
  }
}

// A TLS connection starts with a handshake record (type 22); a plain request with a method.
// Only the connection's first byte tells: later ones are the middle of a handshake.
bool ConnectionStream::looks_like_plain_http() {
  char first = 0;
  const ssize_t n = ::recv(m_sock, &first, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n != 1) return false;
  m_first_byte_seen = true;
  return first >= 'A' && first <= 'Z';
}

bool ConnectionStream::head_buffered() const {
  const std::string_view bytes(m_buffer.data() + m_offset, m_size - m_offset);
  return bytes.find("\r\n\r\n") != std::string_view::npos || bytes.size() >= kMaxHeadBytes;
}

// Moves unread bytes to the front, and grows the buffer (up to a head's limit) when full.
void ConnectionStream::make_room() {
  if (m_offset > 0) {
    std::memmove(m_buffer.data(), m_buffer.data() + m_offset, m_size - m_offset);
    m_size -= m_offset;
    m_offset = 0;
  }
  if (m_size == m_buffer.size()) m_buffer.resize(std::min(m_buffer.size() * 2, kMaxHeadBytes));
}

HeadState ConnectionStream::read_available() {
  if (m_ssl != nullptr && !m_first_byte_seen && looks_like_plain_http()) {
    m_plain_http_on_tls = true;
    return HeadState::plain_http_on_tls;
  }
  // Edge-triggered watching: read until the socket has nothing more, or the head is here.
  for (;;) {
    if (head_buffered()) return HeadState::complete;
    make_room();
    const ssize_t n = receive_now(m_buffer.data() + m_size, m_buffer.size() - m_size);
    if (n == kWouldBlock) return HeadState::partial;
    if (n <= 0) return HeadState::closed;
    m_size += static_cast<std::size_t>(n);
  }
}

// Before a TLS session is up, the only thing to say is in plain text (to a plain request).
void ConnectionStream::send_now(std::string_view bytes) {
  if (m_ssl != nullptr && m_handshake_done) {
    ERR_clear_error();
    SSL_write(m_ssl, bytes.data(), static_cast<int>(bytes.size()));
    ERR_clear_error();
    return;
  }
  [[maybe_unused]] const auto n =
      ::send(m_sock, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

void ConnectionStream::close_notify() {
  if (m_ssl == nullptr || !m_handshake_done) return;
  ERR_clear_error();
  SSL_shutdown(m_ssl);
  ERR_clear_error();
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
