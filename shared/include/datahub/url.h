// A small, strict parser for the absolute http(s) URLs of the contract (base_url, token_url),
// after RFC 3986. No URL library builds with both g++ and Emscripten on Debian, so this is ours.
//
// Stricter than RFC 3986 where a looser URL could only fail later or mislead:
//  - the host is a DNS name (letters, digits, '-', '_', '.'), a dotted-quad IPv4 address or a
//    bracketed IPv6 address; percent-encoded hosts and other IPv4 spellings ("0x7f.1",
//    "010.0.0.1") are refused, so the destination guard sees one spelling only;
//  - no userinfo, no fragment, no whitespace or control characters, ASCII only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace datahub {

enum class HostKind { Name, IPv4, IPv6 };

struct Url {
  std::string scheme;  // lowercased: "http" or "https"
  std::string host;    // lowercased; an IPv6 address without its brackets
  HostKind host_kind = HostKind::Name;
  std::uint16_t port = 0;            // as written; 0 when the URL has none
  std::string path;                  // as written, "" or starting with '/'
  std::optional<std::string> query;  // without the '?'; nothing when the URL has none

  // The explicit port, else 80 for http and 443 for https.
  std::uint16_t effective_port() const;
  // "host", "host:8443" or "[::1]:8080": the port only when the URL names one.
  std::string authority() const;
  // scheme://authority, e.g. to tell whether a redirect changes the origin.
  std::string origin() const;
  // The request target: the path (or "/") and "?query" when there is one.
  std::string path_and_query() const;
  bool operator==(const Url&) const = default;
};

struct UrlParse {
  std::optional<Url> url;
  std::string error;  // when url is empty: a short message, e.g. "must not contain a fragment"
};

// Parses an absolute http or https URL (scheme case-insensitive). No trimming: surrounding
// whitespace is an error here; normalize() trims connector fields first.
UrlParse parse_http_url(std::string_view text);

inline constexpr std::size_t kMaxUrlLength = 2048;

}  // namespace datahub
