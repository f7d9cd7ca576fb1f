// --trusted-proxy: the peers (a load balancer such as nginx) whose X-Forwarded-For may name the
// client, so that what is counted per client address (the sign-in throttle) counts the people
// behind the proxy apart, not the proxy's one address.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace datahub::backend {

class TrustedProxies {
 public:
  // Adds a network: "10.0.0.0/8", "fd00::/8", or one address ("192.0.2.7", "::1"). False when
  // `cidr` is not one (bits set past the prefix are allowed and ignored).
  bool add(std::string_view cidr);
  bool empty() const { return m_networks.empty(); }

  // The address a request counts under: `peer` (the TCP peer) unless it is a trusted proxy;
  // then the last X-Forwarded-For entry that is not a trusted proxy. Each proxy appends the
  // address it saw, so entries left of that one are the client's own word. When every entry is
  // trusted, the first; an entry that is not an address ends the walk at the one after it.
  std::string client_address(const std::string& peer, std::string_view forwarded_for) const;

 private:
  // IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one comparison serves both.
  using Address = std::array<std::uint8_t, 16>;
  struct Network {
    Address bytes{};
    int prefix = 0;  // of 128
  };
  static std::optional<Address> parse_address(std::string_view text);
  bool trusts(const Address& address) const;

  std::vector<Network> m_networks;
};

}  // namespace datahub::backend
