#include "outbound/socket_cut.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace datahub::outbound {

SocketCut::~SocketCut() {
  std::lock_guard lock(m_mutex);
  close_locked();
}

void SocketCut::track(int socket) {
  std::lock_guard lock(m_mutex);
  close_locked();  // the client's previous socket is done with
  m_duplicate = ::fcntl(socket, F_DUPFD_CLOEXEC, 0);
}

void SocketCut::cut() {
  std::lock_guard lock(m_mutex);
  if (m_duplicate >= 0) ::shutdown(m_duplicate, SHUT_RDWR);
}

void SocketCut::close_locked() {
  if (m_duplicate >= 0) ::close(m_duplicate);
  m_duplicate = -1;
}

}  // namespace datahub::outbound
