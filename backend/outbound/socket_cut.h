// Cuts a client's connection from another thread, at once, whatever it is doing. httplib 0.11's
// stop() takes the lock that send() holds through connect and the TLS handshake, whose reads
// each wait the whole connection timeout anew: a peer sending a byte now and then stretches that
// past any deadline, and the deadline thread would wait inside stop() meanwhile. shutdown(2)
// wakes every blocked connect, poll, read and write on the socket; it is called on a duplicate
// of the socket that only this object closes, so the number can never name another socket.
#pragma once

#include <mutex>

namespace datahub::outbound {

class SocketCut {
 public:
  SocketCut() = default;
  SocketCut(const SocketCut&) = delete;
  SocketCut& operator=(const SocketCut&) = delete;
  ~SocketCut();

  // The client made a new socket (httplib's socket options hook, before connect).
  void track(int socket);
  // Shuts the tracked socket down both ways; the client's next read or write fails.
  void cut();

 private:
  void close_locked();
  std::mutex m_mutex;
  int m_duplicate = -1;
};

}  // namespace datahub::outbound
