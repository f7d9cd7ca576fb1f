#include "outbound/ip_address.h"

#include <arpa/inet.h>

#include <cctype>
#include <vector>

#include "datahub/text.h"

namespace datahub::outbound {

namespace {

// One part of a legacy IPv4 host: "0x1f" hex, "017" octal, "17" decimal.
std::optional<std::uint64_t> parse_ipv4_part(std::string_view part) {
  if (part.empty()) return std::nullopt;
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
    if (part.empty()) return 0;  // "0x" alone is zero, as in WHATWG
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  std::uint64_t value = 0;
  for (char ch : part) {
    int digit = -1;
    if (std::isdigit(static_cast<unsigned char>(ch)))
      digit = ch - '0';
    else if (base == 16 && std::isxdigit(static_cast<unsigned char>(ch)))
      digit = to_lower_ascii(ch) - 'a' + 10;
    if (digit < 0 || digit >= base) return std::nullopt;
    value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
    if (value > 0xffffffffULL) return std::nullopt;  // stops overflow on long inputs
  }
  return value;
}

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool in_v4(std::uint32_t a, std::uint32_t net, int prefix) {
  std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (a & mask) == (net & mask);
}

constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

AddressClass classify_v4(std::uint32_t a) {
  struct Range {
    std::uint32_t net;
    int prefix;
    AddressClass cls;
  };
  // IANA IPv4 special-purpose registry; the first match wins, so narrow ranges come first.
  static constexpr Range kRanges[] = {
      {ip4(0, 0, 0, 0), 32, AddressClass::Unspecified},
      {ip4(255, 255, 255, 255), 32, AddressClass::Broadcast},
      {ip4(0, 0, 0, 0), 8, AddressClass::Reserved},  // "this network"
      {ip4(10, 0, 0, 0), 8, AddressClass::Private},
      {ip4(100, 64, 0, 0), 10, AddressClass::SharedCgnat},
      {ip4(127, 0, 0, 0), 8, AddressClass::Loopback},
      {ip4(169, 254, 0, 0), 16, AddressClass::LinkLocal},
      {ip4(172, 16, 0, 0), 12, AddressClass::Private},
      {ip4(192, 0, 0, 0), 24, AddressClass::Reserved},  // IETF protocol assignments
      {ip4(192, 0, 2, 0), 24, AddressClass::Documentation},
      {ip4(192, 88, 99, 0), 24, AddressClass::Reserved},  // deprecated 6to4 relay anycast
      {ip4(192, 168, 0, 0), 16, AddressClass::Private},
      {ip4(198, 18, 0, 0), 15, AddressClass::Benchmarking},
      {ip4(198, 51, 100, 0), 24, AddressClass::Documentation},
      {ip4(203, 0, 113, 0), 24, AddressClass::Documentation},
      {ip4(224, 0, 0, 0), 4, AddressClass::Multicast},
      {ip4(240, 0, 0, 0), 4, AddressClass::Reserved},
  };
  for (const auto& r : kRanges)
    if (in_v4(a, r.net, r.prefix)) return r.cls;
  return AddressClass::Public;
}

bool has_v6_prefix(const IpAddress& a, std::initializer_list<std::uint8_t> prefix_bytes) {
  std::size_t i = 0;
  for (auto b : prefix_bytes)
    if (a.bytes[i++] != b) return false;
  return true;
}

std::uint32_t v4_at(const IpAddress& a, std::size_t offset) {
  return (std::uint32_t{a.bytes[offset]} << 24) | (std::uint32_t{a.bytes[offset + 1]} << 16) |
         (std::uint32_t{a.bytes[offset + 2]} << 8) | std::uint32_t{a.bytes[offset + 3]};
}

// Forms that carry an IPv4 address take the class of the carried address: a private IPv4
// address reached through a translator is still a private destination.
AddressClass classify_v6(const IpAddress& a) {
  const auto& b = a.bytes;
  bool first_10_zero = has_v6_prefix(a, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  if (first_10_zero && b[10] == 0xff && b[11] == 0xff) return classify_v4(v4_at(a, 12));
  if (has_v6_prefix(a, {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0}))  // IPv4-translated (SIIT)
    return classify_v4(v4_at(a, 12));
  if (has_v6_prefix(a, {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}))  // NAT64 well-known
    return classify_v4(v4_at(a, 12));
  if (has_v6_prefix(a, {0x20, 0x02})) return classify_v4(v4_at(a, 2));  // 6to4: bytes 2..5
  if (first_10_zero && b[10] == 0 && b[11] == 0 && v4_at(a, 12) <= 1)
    return v4_at(a, 12) == 0 ? AddressClass::Unspecified : AddressClass::Loopback;
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::Private;                    // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::LinkLocal;  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressClass::Private;    // fec0::/10
  if (b[0] == 0xff) return AddressClass::Multicast;
  if (has_v6_prefix(a, {0x20, 0x01, 0x0d, 0xb8})) return AddressClass::Documentation;
  if (b[0] == 0x3f && (b[1] & 0xf0) == 0xf0) return AddressClass::Documentation;  // 3fff::/20
  // 2001::/23 holds IETF protocol assignments, Teredo (2001::/32) among them: a tunnel could
  // lead anywhere, so the whole block is refused.
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02) return AddressClass::Reserved;
  if ((b[0] & 0xe0) != 0x20) return AddressClass::Reserved;  // outside global unicast 2000::/3
  return AddressClass::Public;
}

}  // namespace

IpAddress IpAddress::v4(std::uint32_t host_order) {
  IpAddress a;
  a.family = Family::V4;
  for (int i = 0; i < 4; ++i) a.bytes[i] = static_cast<std::uint8_t>(host_order >> (24 - 8 * i));
  return a;
}

std::uint32_t IpAddress::v4_value() const {
  return v4_at(*this, 0);
}

std::string IpAddress::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  int af = family == Family::V4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes.data(), text, sizeof text) == nullptr) return {};
  return text;
}

std::optional<IpAddress> parse_ipv4(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  auto parts = split_dots(text);
  if (parts.size() > 4) return std::nullopt;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto part = parse_ipv4_part(parts[i]);
    if (!part) return std::nullopt;
    bool last = i + 1 == parts.size();
    if (!last) {
      if (*part > 255) return std::nullopt;
      value |= *part << (8 * (3 - i));
    } else {
      // The last part fills every byte that is left: "127.1" is 127.0.0.1.
      std::uint64_t limit = 1ULL << (8 * (4 - i));
      if (*part >= limit) return std::nullopt;
      value |= *part;
    }
  }
  return IpAddress::v4(static_cast<std::uint32_t>(value));
}

bool ends_in_number(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  auto dot = host.rfind('.');
  auto last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  bool all_digits = true;
  for (char ch : last) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(ch));
  if (all_digits) return true;
  if (last.size() < 2 || last[0] != '0' || (last[1] != 'x' && last[1] != 'X')) return false;
  for (char ch : last.substr(2))
    if (!std::isxdigit(static_cast<unsigned char>(ch))) return false;
  return true;
}

std::optional<IpAddress> parse_ipv6(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  std::string copy(text);  // inet_pton needs a terminated string
  IpAddress a;
  a.family = IpAddress::Family::V6;
  if (inet_pton(AF_INET6, copy.c_str(), a.bytes.data()) != 1) return std::nullopt;
  return a;
}

std::optional<IpAddress> parse_ip_literal(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    return parse_ipv6(text.substr(1, text.size() - 2));
  if (text.find(':') != std::string_view::npos) return parse_ipv6(text);
  return parse_ipv4(text);
}

const char* describe(AddressClass c) {
  switch (c) {
    case AddressClass::Public:
      return "a public address";
    case AddressClass::Unspecified:
      return "the unspecified address";
    case AddressClass::Loopback:
      return "a loopback address";
    case AddressClass::Private:
      return "a private-network address";
    case AddressClass::LinkLocal:
      return "a link-local address";
    case AddressClass::SharedCgnat:
      return "a carrier-grade NAT (100.64.0.0/10) address";
    case AddressClass::Multicast:
      return "a multicast address";
    case AddressClass::Broadcast:
      return "the broadcast address";
    case AddressClass::Documentation:
      return "a documentation-only address";
    case AddressClass::Benchmarking:
      return "a benchmarking-only address";
    case AddressClass::Reserved:
      return "a reserved address";
  }
  return "an unknown kind of address";
}

AddressClass classify(const IpAddress& address) {
  return address.family == IpAddress::Family::V4 ? classify_v4(address.v4_value())
                                                 : classify_v6(address);
}

}  // namespace datahub::outbound
