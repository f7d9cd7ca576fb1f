// One client connection as cpp-httplib's Stream, kept for the connection's whole life (httplib
// makes a new stream per request): bytes read ahead of the current request stay buffered here,
// so a connection can be parked between requests without losing a pipelined one. Over HTTPS
// the stream owns the connection's TLS session; the handshake and the request head are read
// without waiting (read_available), so the thread that watches idle connections can do both.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <openssl/ssl.h>

namespace datahub::backend {

struct Peer {
  std::string remote_ip;
  int remote_port = 0;
  std::string local_ip;
  int local_port = 0;
};

// The addresses of both ends of a connected socket.
Peer peer_of(int sock);

enum class HeadState {
  partial,            // more bytes must come
  complete,           // the head's blank line, or as many bytes as a head may take, is buffered
  closed,             // the peer closed, or the connection failed (a TLS handshake included)
  plain_http_on_tls,  // an HTTP request came to the HTTPS port
};

class ConnectionStream final : public httplib::Stream {
 public:
  // `ssl` (owned, may be null) is a server-side TLS session on `sock`; the socket is then
  // made non-blocking and every wait goes through poll with the timeouts.
  ConnectionStream(int sock, Peer peer, SSL* ssl, std::chrono::milliseconds read_timeout,
                   std::chrono::milliseconds write_timeout);
  ~ConnectionStream() override;
  ConnectionStream(const ConnectionStream&) = delete;
  ConnectionStream& operator=(const ConnectionStream&) = delete;

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return m_sock; }

  // Reads what has arrived, without waiting (continuing a TLS handshake first).
  HeadState read_available();
  // One write that does not wait (a refusal sent from the watching thread); what the socket
  // does not take at once is dropped.
  void send_now(std::string_view bytes);
  // Tells a TLS peer that the connection ends (close_notify), without waiting for its reply.
  void close_notify();

  const Peer& peer() const { return m_peer; }
  SSL* ssl() const { return m_ssl; }
  // An HTTP request came where a TLS handshake should have (read_available said so).
  bool plain_http_on_tls() const { return m_plain_http_on_tls; }
  // Bytes already received that no request has consumed yet (TLS records included).
  bool has_buffered() const;

 private:
  ssize_t receive_now(char* ptr, size_t size);
  ssize_t receive(char* ptr, size_t size);
  ssize_t tls_receive_now(char* ptr, size_t size);
  ssize_t tls_write(const char* ptr, size_t size);
  bool looks_like_plain_http();
  bool head_buffered() const;
  void make_room();

  int m_sock;
  Peer m_peer;
  SSL* m_ssl;
  bool m_handshake_done = false;
  bool m_first_byte_seen = false;
  bool m_plain_http_on_tls = false;
  bool m_wants_write = false;  // the last TLS call waits for the socket to take bytes
  std::chrono::milliseconds m_read_timeout;
  std::chrono::milliseconds m_write_timeout;
  std::vector<char> m_buffer;
  std::size_t m_offset = 0;
  std::size_t m_size = 0;
};

// Waits up to `timeout` for `events` (POLLIN, POLLOUT) on `sock`; true when they came.
bool wait_for(int sock, short events, std::chrono::milliseconds timeout);

}  // namespace datahub::backend
