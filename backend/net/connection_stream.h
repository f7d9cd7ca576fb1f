// One client connection as cpp-httplib's Stream, kept for the connection's whole life (httplib
// makes a new stream per request): bytes read ahead of the current request stay buffered here,
// so a connection can be parked between requests without losing a pipelined one.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <httplib.h>

namespace datahub::backend {

struct Peer {
  std::string remote_ip;
  int remote_port = 0;
  std::string local_ip;
  int local_port = 0;
};

// The addresses of both ends of a connected socket.
Peer peer_of(int sock);

class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int sock, Peer peer, std::chrono::milliseconds read_timeout,
                   std::chrono::milliseconds write_timeout);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return m_sock; }

  const Peer& peer() const { return m_peer; }
  // Bytes already read from the socket that no request has consumed yet.
  bool has_buffered() const { return m_offset < m_size; }

 private:
  int m_sock;
  Peer m_peer;
  std::chrono::milliseconds m_read_timeout;
  std::chrono::milliseconds m_write_timeout;
  std::vector<char> m_buffer;
  std::size_t m_offset = 0;
  std::size_t m_size = 0;
};

// Waits up to `timeout` for `events` (POLLIN, POLLOUT) on `sock`; true when they came.
bool wait_for(int sock, short events, std::chrono::milliseconds timeout);

}  // namespace datahub::backend
