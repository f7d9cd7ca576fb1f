#include "trusted_proxies.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace datahub::backend {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The comma-separated entries of X-Forwarded-For (several headers arrive joined by commas).
std::vector<std::string_view> entries(std::string_view list) {
  std::vector<std::string_view> out;
  while (true) {
    const auto comma = list.find(',');
    out.push_back(trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) return out;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

std::optional<TrustedProxies::Address> TrustedProxies::parse_address(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  const std::string copy(text);  // inet_pton wants a terminated string
  Address out{};
  in_addr v4{};
  if (::inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  if (::inet_pton(AF_INET6, copy.c_str(), out.data()) == 1) return out;
  return std::nullopt;
}

bool TrustedProxies::add(std::string_view cidr) {
  const auto slash = cidr.find('/');
  const auto address = parse_address(cidr.substr(0, slash));
  if (!address) return false;
  const bool v4 = cidr.substr(0, slash).find(':') == std::string_view::npos;
  int prefix = v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const auto bits = cidr.substr(slash + 1);
    const auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (error != std::errc() || end != bits.data() + bits.size() || bits.empty() || prefix < 0 ||
        prefix > (v4 ? 32 : 128))
      return false;
  }
  m_networks.push_back({*address, v4 ? prefix + 96 : prefix});
  return true;
}

bool TrustedProxies::trusts(const Address& address) const {
  for (const auto& net : m_networks) {
    const int whole = net.prefix / 8;
    const int rest = net.prefix % 8;
    if (std::memcmp(address.data(), net.bytes.data(), whole) != 0) continue;
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
    if (rest == 0 || ((address[whole] ^ net.bytes[whole]) & mask) == 0) return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           std::string_view forwarded_for) const {
  const auto peer_address = parse_address(peer);
  if (!peer_address || !trusts(*peer_address) || trim(forwarded_for).empty()) return peer;
  const auto list = entries(forwarded_for);
  std::string client = peer;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    const auto address = parse_address(*it);
    if (!address) break;  // not what a proxy writes: the client's own text
    client = std::string(*it);
    if (!trusts(*address)) break;
  }
  return client;
}

}  // namespace datahub::backend
