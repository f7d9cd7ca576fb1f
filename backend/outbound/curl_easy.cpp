#include "outbound/curl_easy.h"

#include <array>
#include <mutex>
#include <stdexcept>

namespace datahub::outbound {

namespace {

// One mutex per kind of shared data, as curl_share_setopt(3) asks for threads.
std::array<std::mutex, CURL_LOCK_DATA_LAST> g_share_locks;

void lock_share(CURL*, curl_lock_data data, curl_lock_access, void*) {
  g_share_locks.at(static_cast<std::size_t>(data)).lock();
}

void unlock_share(CURL*, curl_lock_data data, void*) {
  g_share_locks.at(static_cast<std::size_t>(data)).unlock();
}

// Made on first use and kept for the life of the process: handles in pools of objects with
// static storage may outlive any owner we could give it.
CURLSH* process_share() {
  static CURLSH* const share = [] {
    // Thread-safe since 7.84 (this libcurl lists "threadsafe"); before any other curl call.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("libcurl could not be initialised");
    CURLSH* s = curl_share_init();
    if (s == nullptr) throw std::runtime_error("libcurl could not make a share object");
    curl_share_setopt(s, CURLSHOPT_LOCKFUNC, lock_share);
    curl_share_setopt(s, CURLSHOPT_UNLOCKFUNC, unlock_share);
    curl_share_setopt(s, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return s;
  }();
  return share;
}

}  // namespace

CurlEasy new_curl_easy() {
  CURLSH* share = process_share();
  CurlEasy easy(curl_easy_init());
  if (!easy) throw std::runtime_error("libcurl could not make an easy handle");
  curl_easy_setopt(easy.get(), CURLOPT_SHARE, share);
  curl_easy_setopt(easy.get(), CURLOPT_MAXCONNECTS, 1L);
  return easy;
}

}  // namespace datahub::outbound
