// Where outbound requests may go, set once from the server's command line.
#pragma once

#include <string>
#include <vector>

namespace datahub::outbound {

struct OutboundPolicy {
  // --allow-private-networks: lets requests reach loopback, private, link-local, ... addresses
  // (local development and tests).
  bool allow_private_networks = false;
  // --allow-hosts: host names or IP literals that skip the address check (case-insensitive).
  std::vector<std::string> allow_hosts;
  // CA bundle for TLS verification (Debian's; tests point it at their own CA).
  std::string ca_cert_path = "/etc/ssl/certs/ca-certificates.crt";
  // --outbound-proxy (else HTTPS_PROXY / HTTP_PROXY, read at start): the proxy of connectors
  // whose proxy mode is "server". Empty: none.
  std::string outbound_proxy;
  // --no-proxy (else NO_PROXY): hosts reached directly all the same: "h1" (and its subdomains),
  // ".suffix", or "*".
  std::vector<std::string> no_proxy;
};

}  // namespace datahub::outbound
