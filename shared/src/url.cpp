// parse_http_url: scheme, authority, path and query after RFC 3986 §3, in that order, each
// step with its own message so a person knows what to fix.
#include "datahub/url.h"

#include "datahub/limit_text.h"
#include "datahub/text.h"
#include "url_host.h"

namespace datahub {
namespace {

constexpr const char* kNotAbsolute = "must be an absolute http(s) URL";

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// RFC 3986 pchar without pct-encoded (checked separately): unreserved / sub-delims / ":" / "@".
bool is_pchar(char c) {
  static constexpr std::string_view kOther = "-._~!$&'()*+,;=:@";
  return is_alpha(c) || is_digit(c) || kOther.find(c) != std::string_view::npos;
}

UrlParse fail(std::string message) {
  return {std::nullopt, std::move(message)};
}

// Whole-string checks that do not depend on where a character sits.
std::string check_characters(std::string_view text) {
  if (text.size() > kMaxUrlLength) return must_be_at_most(kMaxUrlLength, "characters");
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F) return "must not contain spaces or control characters";
    if (b >= 0x80) return "must contain only ASCII characters (percent-encode others)";
  }
  if (text.find('#') != std::string_view::npos) return "must not contain a fragment (#...)";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) {
      return "has a malformed percent-encoding (use %XX)";
    }
  }
  return {};
}

// Scheme and "//": what makes the URL absolute with an authority. Fills `url.scheme`.
std::string take_scheme(std::string_view& rest, Url& url) {
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(rest[0])) return kNotAbsolute;
  const auto scheme = rest.substr(0, colon);
  for (char c : scheme) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return kNotAbsolute;
  }
  rest.remove_prefix(colon + 1);
  if (rest.substr(0, 2) != "//") return kNotAbsolute;
  rest.remove_prefix(2);
  url.scheme = to_lower_ascii(scheme);
  if (url.scheme != "http" && url.scheme != "https") return "must use http or https";
  return {};
}

// RFC 3986 allows an empty port ("host:"), which means the default one.
std::string parse_port(std::string_view text, Url& url) {
  if (text.empty()) return {};
  unsigned long value = 0;
  for (char c : text) {
    if (!is_digit(c)) return "must have a numeric port";
    value = value * 10 + static_cast<unsigned long>(c - '0');
    if (value > 65535) break;
  }
  if (value < 1 || value > 65535) return "must have a port between 1 and 65535";
  url.port = static_cast<std::uint16_t>(value);
  return {};
}

// userinfo@host:port, up to the first '/' or '?'. Fills host, host_kind and port.
std::string take_authority(std::string_view& rest, Url& url) {
  const auto end = rest.find_first_of("/?");
  auto authority = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) {
    return "must not contain user info (user:password@)";
  }
  // The port follows the last ':' outside an IPv6 literal's brackets.
  const auto bracket = authority.rfind(']');
  const auto colon = authority.rfind(':');
  std::string_view port;
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    port = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
  }
  auto host = detail::parse_host(authority);
  if (!host.error.empty()) return host.error;
  url.host = std::move(host.host);
  url.host_kind = host.kind;
  return parse_port(port, url);
}

// Path and query hold only RFC 3986 characters; anything else must arrive percent-encoded.
std::string take_path_and_query(std::string_view& rest, Url& url) {
  const auto qmark = rest.find('?');
  const auto path = rest.substr(0, qmark);
  for (char c : rest) {
    if (c != '%' && c != '/' && c != '?' && !is_pchar(c)) {
      return std::string("must percent-encode the character '") + c + "'";
    }
  }
  url.path = std::string(path);
  if (qmark != std::string_view::npos) url.query = std::string(rest.substr(qmark + 1));
  return {};
}

}  // namespace

std::uint16_t Url::effective_port() const {
  if (port != 0) return port;
  return scheme == "https" ? 443 : 80;
}

std::string Url::authority() const {
  std::string out = host_kind == HostKind::IPv6 ? "[" + host + "]" : host;
  if (port != 0) out += ":" + std::to_string(port);
  return out;
}

std::string Url::origin() const {
  return scheme + "://" + authority();
}

std::string Url::path_and_query() const {
  std::string out = path.empty() ? "/" : path;
  if (query) out += "?" + *query;
  return out;
}

UrlParse parse_http_url(std::string_view text) {
  if (text.empty()) return fail(kNotAbsolute);
  if (auto error = check_characters(text); !error.empty()) return fail(std::move(error));
  Url url;
  std::string_view rest = text;
  for (auto step : {take_scheme, take_authority, take_path_and_query}) {
    if (auto error = step(rest, url); !error.empty()) return fail(std::move(error));
  }
  return {std::move(url), {}};
}

}  // namespace datahub
