// A plain TCP connection to the server under test, for requests no HTTP client would send:
// bodies streamed without end, lines of megabytes, framings mixed by hand.
#pragma once

#include <string>
#include <string_view>

namespace datahub::testing {

// A listening socket on 127.0.0.1 and a free port (set in `port`), for peers written in tests.
int listen_on_loopback(int& port, int backlog = 64);

class RawConnection {
 public:
  // To 127.0.0.1:port, from `source` (another loopback address, e.g. "127.0.0.2") when given.
  explicit RawConnection(int port, const char* source = nullptr);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return m_fd >= 0; }
  // Sends all of `bytes`; false once the server closed or reset the connection.
  bool send(std::string_view bytes);
  // Sends `block` again and again, up to `total` bytes, and stops early when the server
  // answers or closes: a server that refuses a body at once must not be made to wait for it.
  // Returns how many bytes went out.
  std::size_t stream(const std::string& block, std::size_t total);
  // The status code of the response, waiting up to `timeout_ms` for its first line; 0 when
  // none came (the connection closed or the time ran out).
  int read_status(int timeout_ms);
  // Everything the server sends until it closes the connection (or `timeout_ms` passes).
  std::string read_until_closed(int timeout_ms);

 private:
  int m_fd = -1;
  std::string m_received;
};

}  // namespace datahub::testing
