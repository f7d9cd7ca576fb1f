// Builds and arms the httplib clients that http_exchange.cpp sends through, pooled or new.
#pragma once

#include <chrono>
#include <string>

#include <httplib.h>

#include "outbound/client_pool.h"
#include "outbound/ip_address.h"
#include "outbound/url.h"

namespace datahub::outbound {

PoolKey pool_key(const Url& url, const IpAddress& address, const std::string& ca_cert_path);

// A kept-alive client that connects only to `key.address`, verifies TLS with `key`'s CAs and
// never follows redirects on its own.
ClientPool::Client new_upstream_client(const PoolKey& key);

// Socket timeouts for the next request through `client` (a pooled one keeps the last ones).
void arm_timeouts(httplib::ClientImpl& client, std::chrono::steady_clock::time_point deadline);

}  // namespace datahub::outbound
