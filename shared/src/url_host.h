// The host part of a URL authority: DNS name, dotted-quad IPv4 or bracketed IPv6 (internal).
#pragma once

#include <string>
#include <string_view>

#include "datahub/url.h"

namespace datahub::detail {

struct HostParse {
  std::string host;  // lowercased, IPv6 without brackets
  HostKind kind = HostKind::Name;
  std::string error;  // empty when the host is fine
};

// `text` is the host as written in the authority, brackets included, port excluded.
HostParse parse_host(std::string_view text);

bool is_ipv4_dotted_quad(std::string_view s);
bool is_ipv6_address(std::string_view s);

}  // namespace datahub::detail
