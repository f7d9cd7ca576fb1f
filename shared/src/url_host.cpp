// Host checks for parse_http_url. One spelling per address on purpose: the backend's
// destination guard then never meets "0x7f.1" or "2130706433" dressed up as a name.
#include "url_host.h"

#include <cstddef>
#include <optional>
#include <string>

#include "datahub/text.h"

namespace datahub::detail {
namespace {

constexpr std::size_t kMaxHostLength = 253;  // DNS limits (RFC 1035 §2.3.4)
constexpr std::size_t kMaxLabelLength = 63;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// Splits off the text before the first `sep`; `rest` keeps what follows it.
std::string_view take_until(std::string_view& rest, char sep, bool& found) {
  const auto pos = rest.find(sep);
  found = pos != std::string_view::npos;
  const auto head = rest.substr(0, pos);
  rest = found ? rest.substr(pos + 1) : std::string_view{};
  return head;
}

// A URL parser (and inet_aton) reads a host whose last label is a number as an IPv4
// address in some spelling; such a host must then be a plain dotted quad.
bool looks_numeric(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const auto dot = host.rfind('.');
  const auto last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    return all_of(last.substr(2), is_hex);
  }
  return all_of(last, is_digit);
}

std::string check_dns_name(std::string_view host) {
  for (char c : host) {
    if (c == '%') return "must not percent-encode the host";
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') {
      return std::string("must not contain '") + c + "' in the host";
    }
  }
  if (host.size() > kMaxHostLength) return "has a host name that is too long";
  if (host.back() == '.') host.remove_suffix(1);  // a fully qualified "example.com." is fine
  bool more = true;
  while (more) {
    const auto label = take_until(host, '.', more);
    if (label.empty()) return "has an empty label in the host name";
    if (label.size() > kMaxLabelLength)
      return "has a host name label over " + std::to_string(kMaxLabelLength) + " characters";
  }
  return {};
}

// Counts the 16-bit groups of one side of "::"; the last group may be an IPv4 dotted quad.
std::optional<int> count_ipv6_groups(std::string_view part, bool ipv4_may_end) {
  if (part.empty()) return 0;
  int groups = 0;
  bool more = true;
  while (more) {
    const auto group = take_until(part, ':', more);
    if (!more && ipv4_may_end && group.find('.') != std::string_view::npos) {
      if (!is_ipv4_dotted_quad(group)) return std::nullopt;
      return groups + 2;
    }
    if (group.empty() || group.size() > 4 || !all_of(group, is_hex)) return std::nullopt;
    ++groups;
  }
  return groups;
}

HostParse parse_ip_literal(std::string_view text) {
  HostParse out;
  out.kind = HostKind::IPv6;
  const auto inner = text.substr(1, text.size() - 2);
  if (text.back() != ']') {
    out.error = "has an invalid bracketed IPv6 host";
  } else if (!inner.empty() && (inner[0] == 'v' || inner[0] == 'V')) {
    out.error = "has an unsupported IP address format in the host";
  } else if (inner.find('%') != std::string_view::npos) {
    out.error = "must not contain an IPv6 zone identifier";
  } else if (!is_ipv6_address(inner)) {
    out.error = "has an invalid IPv6 address";
  } else {
    out.host = to_lower_ascii(inner);
  }
  return out;
}

}  // namespace

bool is_ipv4_dotted_quad(std::string_view s) {
  int parts = 0;
  bool more = true;
  while (more) {
    const auto part = take_until(s, '.', more);
    // No leading zeros: "010" is octal 8 to inet_aton and decimal 10 to a person.
    if (part.empty() || part.size() > 3 || !all_of(part, is_digit)) return false;
    if (part.size() > 1 && part[0] == '0') return false;
    if (std::stoi(std::string(part)) > 255) return false;
    ++parts;
  }
  return parts == 4;
}

bool is_ipv6_address(std::string_view s) {
  const auto gap = s.find("::");
  if (gap == std::string_view::npos) {
    const auto groups = count_ipv6_groups(s, true);
    return groups && *groups == 8;
  }
  if (s.find("::", gap + 1) != std::string_view::npos) return false;  // at most one "::"
  const auto tail = s.substr(gap + 2);
  const auto head_groups = count_ipv6_groups(s.substr(0, gap), false);
  const auto tail_groups = count_ipv6_groups(tail, true);
  return head_groups && tail_groups && *head_groups + *tail_groups <= 7;
}

HostParse parse_host(std::string_view text) {
  if (text.empty()) return {{}, HostKind::Name, "must include a host"};
  if (text.front() == '[') return parse_ip_literal(text);
  HostParse out;
  out.host = to_lower_ascii(text);
  if (looks_numeric(text)) {
    out.kind = HostKind::IPv4;
    if (!is_ipv4_dotted_quad(text)) out.error = "has an invalid IPv4 address (use a.b.c.d)";
    return out;
  }
  out.error = check_dns_name(text);
  return out;
}

}  // namespace datahub::detail
