// IP addresses in every spelling a URL host may use, and the kind of network each belongs to.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace datahub::outbound {

// An IPv4 or IPv6 address in network byte order; IPv4 uses the first 4 bytes.
struct IpAddress {
  enum class Family { V4, V6 };
  Family family = Family::V4;
  std::array<std::uint8_t, 16> bytes{};

  static IpAddress v4(std::uint32_t host_order);
  std::uint32_t v4_value() const;  // host order; IPv4 only
  // Canonical text: dotted quad, or RFC 5952 for IPv6 (no brackets).
  std::string to_string() const;
  bool operator==(const IpAddress&) const = default;
};

// IPv4 as inet_aton and the WHATWG URL standard read hosts: one to four parts, each decimal,
// octal (leading 0) or hex (0x), the last one filling the remaining bytes: "127.1", "0x7f.1",
// "2130706433", "017700000001" all mean 127.0.0.1. One trailing dot is allowed.
std::optional<IpAddress> parse_ipv4(std::string_view text);

// True when the last label of a host looks like a number, so the host must be an IPv4 address
// (the WHATWG "ends in a number" rule): "1.2.3.08" is then an invalid host, not a domain.
bool ends_in_number(std::string_view host);

// An IPv6 literal without brackets and without a zone id.
std::optional<IpAddress> parse_ipv6(std::string_view text);

// Either family; IPv6 may be bracketed.
std::optional<IpAddress> parse_ip_literal(std::string_view text);

enum class AddressClass {
  Public,
  Unspecified,
  Loopback,
  Private,
  LinkLocal,
  SharedCgnat,
  Multicast,
  Broadcast,
  Documentation,
  Benchmarking,
  Reserved,
};

// For the problem detail: "a loopback address".
const char* describe(AddressClass c);

// The network an address belongs to. IPv6 forms that carry an IPv4 address (IPv4-mapped,
// IPv4-translated, NAT64 64:ff9b::/96, 6to4 2002::/16) are classed by the carried address, so
// ::ffff:127.0.0.1 is loopback. IPv6 outside 2000::/3 with no such form counts as reserved.
AddressClass classify(const IpAddress& address);

}  // namespace datahub::outbound
