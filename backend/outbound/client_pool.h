// Kept-alive upstream clients, so that a proxied request does not pay for a new TCP (and TLS)
// connection each time. A client is lent to one request at a time and goes back only after an
// exchange that left its connection clean; the caller decides that (http_exchange.cpp).
#pragma once

#include <chrono>
#include <compare>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "outbound/curl_easy.h"

namespace datahub::outbound {

// Everything a connection is bound to. The address is the one the destination guard checked
// for this request: a client pinned to another address is never lent, so a changed DNS answer
// cannot ride on an old connection, nor an old answer on a new check.
struct PoolKey {
  std::string scheme;
  std::string host;
  int port = 0;
  std::string address;
  std::string ca_cert_path;  // TLS verification was done with these CAs
  // The connector's CA, client certificate and proxy (a hash: libcurl itself compares the
  // settings before reusing a connection, so a collision costs a reconnect, not a mix-up).
  std::size_t transport = 0;
  auto operator<=>(const PoolKey&) const = default;
};

struct PoolLimits {
  // Per key: wrk -c32 through one connector keeps about that many exchanges in flight; a
  // smaller cap would close and reopen connections under exactly the load the pool is for.
  std::size_t idle_per_key = 32;
  std::size_t idle_total = 256;
  // Below common upstream keep-alive timeouts (nginx 75 s) but long enough for a steady caller.
  std::chrono::milliseconds max_idle_age{30000};
};

// What the pool lends: a libcurl handle holding at most one connection, to its key's address.
struct UpstreamClient {
  CurlEasy easy;
};

class ClientPool {
 public:
  using Client = std::shared_ptr<UpstreamClient>;

  explicit ClientPool(PoolLimits limits = {}) : m_limits(limits) {}
  ClientPool(const ClientPool&) = delete;
  ClientPool& operator=(const ClientPool&) = delete;

  // The most recently returned client of `key` (its connection is the least likely to have been
  // closed by the peer), or null. The caller owns it until check_in.
  Client check_out(const PoolKey& key);

  // Keeps `client` for the next request to `key`, unless a cap says otherwise.
  void check_in(const PoolKey& key, Client client);

  std::size_t idle_count() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Idle {
    Client client;
    Clock::time_point since;
  };

  void drop_expired(Clock::time_point now, std::vector<Client>& dropped);
  void drop_oldest(std::vector<Client>& dropped);

  PoolLimits m_limits;
  mutable std::mutex m_mutex;
  std::map<PoolKey, std::vector<Idle>> m_idle;  // per key, oldest first
  std::size_t m_total = 0;
  Clock::time_point m_last_sweep{};
};

}  // namespace datahub::outbound
