// libcurl as the outbound engine uses it: initialised once for the process, easy handles owned
// by a unique_ptr, and one share object through which every handle resumes TLS sessions (a
// second connection to an upstream skips the full handshake).
#pragma once

#include <memory>

#include <curl/curl.h>

namespace datahub::outbound {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

// A new easy handle attached to the process's share object. Each handle keeps at most one
// connection (the pool lends a handle per pinned address): connections themselves are not
// shared, which libcurl does not support across threads.
CurlEasy new_curl_easy();

}  // namespace datahub::outbound
