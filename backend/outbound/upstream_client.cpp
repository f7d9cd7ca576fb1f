#include "outbound/upstream_client.h"

namespace datahub::outbound {

namespace {
constexpr auto kSocketTimeoutSlack = std::chrono::milliseconds(100);
}

PoolKey pool_key(const Url& url, const IpAddress& address, const std::string& ca_cert_path) {
  return PoolKey{url.scheme, url.host, url.port, address.to_string(),
                 url.is_https() ? ca_cert_path : std::string()};
}

ClientPool::Client new_upstream_client(const PoolKey& key) {
  auto upstream = std::make_shared<UpstreamClient>();
  if (key.scheme == "https") {
    auto tls = std::make_unique<httplib::SSLClient>(key.host, key.port);
    tls->set_ca_cert_path(key.ca_cert_path);
    tls->enable_server_certificate_verification(true);
    upstream->http = std::move(tls);
  } else {
    upstream->http = std::make_unique<httplib::ClientImpl>(key.host, key.port);
  }
  httplib::ClientImpl* client = upstream->http.get();
  // Every socket the client makes is known to its cut (the client lives inside `upstream`).
  client->set_socket_options([cut = &upstream->cut](socket_t socket) { cut->track(socket); });
  // The Host header, SNI and certificate check use the name; the socket goes to the address
  // the guard checked, never to a second DNS answer.
  client->set_hostname_addr_map({{key.host, key.address}});
  client->set_keep_alive(true);
  client->set_follow_location(false);  // redirects are followed by hand, each hop guarded
  client->set_url_encode(false);       // targets arrive encoded (request_target.cpp)
  return upstream;
}

void arm_timeouts(httplib::ClientImpl& client, std::chrono::steady_clock::time_point deadline) {
  // A little past the deadline, so that the deadline timer, not a socket timeout a hair early,
  // ends a request that runs out of time (and the problem says "timeout").
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
                       deadline - std::chrono::steady_clock::now()) +
                   kSocketTimeoutSlack;
  client.set_connection_timeout(remaining);
  client.set_read_timeout(remaining);
  client.set_write_timeout(remaining);
}

}  // namespace datahub::outbound
