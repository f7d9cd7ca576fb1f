// Absolute http(s) URLs as the outbound client needs them: scheme, a canonical host, a port
// and a request target. Built from parts, so a path can never change the host.
#pragma once

#include <string>
#include <string_view>

#include "datahub/result.h"

namespace datahub::outbound {

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower case; IP literals in canonical form, IPv6 without brackets
  int port = 0;        // always set (80/443 when the URL has none)
  std::string target;  // path and query, starts with '/'

  bool is_https() const { return scheme == "https"; }
  bool host_is_ipv6() const { return host.find(':') != std::string::npos; }
  // host[:port], brackets around IPv6, port left out when it is the scheme's default.
  std::string authority() const;
  // scheme://authority: two URLs with the same origin share credentials.
  std::string origin() const;
  std::string to_string() const { return origin() + target; }
};

// Parses an absolute http(s) URL. Refuses userinfo, other schemes, hosts that are not ASCII
// names or IP literals, and numeric-looking hosts that are not valid IPv4 ("1.2.3.08").
// A fragment is dropped. Problems are Validation problems whose detail says what is wrong.
Result<Url> parse_url(std::string_view text);

// Resolves a redirect's Location against the URL that answered it (RFC 3986 §5, without
// dot-segment removal): absolute, scheme-relative "//host/..", absolute-path and relative.
Result<Url> resolve_location(const Url& base, std::string_view location);

}  // namespace datahub::outbound
