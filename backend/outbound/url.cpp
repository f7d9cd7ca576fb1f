#include "outbound/url.h"

#include <algorithm>
#include <cctype>

#include "datahub/text.h"
#include "outbound/ip_address.h"

namespace datahub::outbound {

namespace {

Problem bad_url(std::string detail) {
  return make_problem(ProblemType::Validation, std::move(detail));
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && to_lower_ascii(s.substr(0, prefix.size())) == prefix;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

// A host name, or an IP literal in any spelling, turned into its canonical form.
Result<std::string> canonical_host(std::string_view raw) {
  if (raw.empty()) return bad_url("the URL has no host");
  if (raw.front() == '[') {
    if (raw.back() != ']') return bad_url("unterminated IPv6 literal in the host");
    auto v6 = parse_ipv6(raw.substr(1, raw.size() - 2));
    if (!v6) return bad_url("the host is not a valid IPv6 address");
    return v6->to_string();
  }
  if (!std::all_of(raw.begin(), raw.end(), is_name_char))
    return bad_url(
        "the host may hold only ASCII letters, digits, '-', '.' and '_' "
        "(write international names in their xn-- form)");
  std::string host = to_lower_ascii(raw);
  if (ends_in_number(host)) {
    auto v4 = parse_ipv4(host);
    if (!v4) return bad_url("the host looks like an IPv4 address but is not a valid one");
    return v4->to_string();
  }
  return host;
}

// Leading zeros are allowed (RFC 3986: port = *DIGIT), as in the contract's parser
// (datahub/url.h): a base URL the connector form accepts must not fail here.
Result<int> parse_port(std::string_view text, int default_port) {
  if (text.empty()) return default_port;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
    return bad_url("the port is not a number");
  int port = 0;
  for (char c : text) {
    port = port * 10 + (c - '0');
    if (port > 65535) break;
  }
  if (port < 1 || port > 65535) return bad_url("the port is outside 1..65535");
  return port;
}

// Splits "host:port" or "[v6]:port".
std::pair<std::string_view, std::string_view> split_host_port(std::string_view authority) {
  std::size_t colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close != std::string_view::npos && close + 1 < authority.size() &&
        authority[close + 1] == ':')
      colon = close + 1;
  } else {
    colon = authority.rfind(':');
  }
  if (colon == std::string_view::npos) return {authority, {}};
  return {authority.substr(0, colon), authority.substr(colon + 1)};
}

}  // namespace

std::string Url::authority() const {
  std::string out = host_is_ipv6() ? "[" + host + "]" : host;
  int default_port = is_https() ? 443 : 80;
  if (port != default_port) out += ":" + std::to_string(port);
  return out;
}

std::string Url::origin() const {
  return scheme + "://" + authority();
}

Result<Url> parse_url(std::string_view text) {
  Url url;
  if (starts_with_icase(text, "https://"))
    url.scheme = "https";
  else if (starts_with_icase(text, "http://"))
    url.scheme = "http";
  else
    return bad_url("only absolute http:// and https:// URLs are allowed");
  text.remove_prefix(url.scheme.size() + 3);

  if (auto hash = text.find('#'); hash != std::string_view::npos) text = text.substr(0, hash);
  auto end = text.find_first_of("/?");
  auto authority = text.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? "" : text.substr(end);
  if (authority.find('@') != std::string_view::npos)
    return bad_url("user names and passwords in the URL are not allowed");
  if (authority.find('\\') != std::string_view::npos)
    return bad_url("a backslash is not allowed in the host");

  auto [raw_host, raw_port] = split_host_port(authority);
  auto host = canonical_host(raw_host);
  if (!host) return host.problem();
  auto port = parse_port(raw_port, url.is_https() ? 443 : 80);
  if (!port) return port.problem();
  url.host = std::move(*host);
  url.port = *port;
  url.target = rest.empty() ? "/" : (rest.front() == '?' ? "/" + std::string(rest) : rest);
  for (unsigned char c : url.target)
    if (c <= 0x20 || c == 0x7f) return bad_url("the URL contains a space or control character");
  return url;
}

Result<Url> resolve_location(const Url& base, std::string_view location) {
  if (location.empty()) return bad_url("the redirect has an empty Location");
  if (starts_with_icase(location, "http://") || starts_with_icase(location, "https://"))
    return parse_url(location);
  if (location.size() >= 2 && location[0] == '/' && location[1] == '/')
    return parse_url(base.scheme + ":" + std::string(location));
  auto colon = location.find(':');
  auto slash = location.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash))
    return bad_url("the redirect goes to a scheme other than http or https");

  std::string target;
  if (location.front() == '/') {
    target = location;
  } else if (location.front() == '?') {
    target = base.target.substr(0, base.target.find('?')) + std::string(location);
  } else {
    auto path = base.target.substr(0, base.target.find('?'));
    target = path.substr(0, path.rfind('/') + 1) + std::string(location);
  }
  return parse_url(base.origin() + target);
}

}  // namespace datahub::outbound
