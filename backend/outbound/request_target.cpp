#include "outbound/request_target.h"

#include <cctype>
#include <vector>

#include "datahub/url_encoding.h"

namespace datahub::outbound {

namespace {

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Characters a path or query may carry unencoded (RFC 3986 pchar, '/' and '?').
bool is_target_char(unsigned char c) {
  static constexpr std::string_view kSubDelims = "!$&'()*+,;=:@/?";
  return is_unreserved(c) || kSubDelims.find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

std::string encode_target(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool escape_ok = c == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2]);
    if (is_target_char(c) || escape_ok) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// "." and "..", also with path parameters ("..;x": Tomcat and Spring drop what follows ';'
// before resolving), would let a path climb above the base URL's path.
bool is_dot_segment(std::string_view segment) {
  const auto name = segment.substr(0, segment.find(';'));
  return name == "." || name == "..";
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

Problem path_problem(std::string message) {
  return make_problem(ProblemType::Validation, "the request path " + message,
                      {{"path", std::move(message)}});
}

}  // namespace

std::string check_request_path(std::string_view path) {
  if (path.empty()) return {};
  if (path.front() != '/') return "must start with '/'";
  if (path.size() >= 2 && path[1] == '/') return "must not start with '//' (it would name a host)";
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f) return "must not contain control characters";
    if (c == '\\') return "must not contain a backslash";
    if (c == '#') return "must not contain a fragment ('#')";
  }
  // The path as an upstream may read it: "%2f" then splits a segment as '/' does, and "%2e" is
  // a dot; servers that decode before resolving dot segments would otherwise climb with
  // "/..%2fadmin".
  const std::string decoded = percent_decode(path.substr(0, path.find('?')));
  if (decoded.find('\\') != std::string::npos) return "must not contain a backslash (%5C)";
  for (auto segment : path_segments(decoded))
    if (is_dot_segment(segment))
      return "must not contain '.' or '..' segments (nor as %2E or with ';' parameters)";
  return {};
}

Result<Url> build_request_url(std::string_view base_url, std::string_view path,
                              const std::map<std::string, std::string>& query) {
  if (auto message = check_request_path(path); !message.empty()) return path_problem(message);
  auto base = parse_url(base_url);
  if (!base) {
    auto p = base.problem();
    p.errors.push_back({"base_url", p.detail});
    return p;
  }
  Url url = std::move(*base);
  auto base_query_at = url.target.find('?');
  std::string base_path = url.target.substr(0, base_query_at);
  std::string base_query =
      base_query_at == std::string::npos ? "" : url.target.substr(base_query_at + 1);

  auto path_query_at = path.find('?');
  std::string extra_path = encode_target(path.substr(0, path_query_at));
  std::string path_query =
      path_query_at == std::string_view::npos ? "" : encode_target(path.substr(path_query_at + 1));

  if (!extra_path.empty() && base_path.back() == '/') base_path.pop_back();
  std::string target = base_path + extra_path;
  if (target.empty()) target = "/";

  std::string full_query = base_query;
  auto append = [&full_query](const std::string& part) {
    if (part.empty()) return;
    if (!full_query.empty()) full_query += '&';
    full_query += part;
  };
  append(path_query);
  for (const auto& [name, value] : query)
    append(percent_encode(name) + "=" + percent_encode(value));
  url.target = full_query.empty() ? target : target + "?" + full_query;
  return url;
}

}  // namespace datahub::outbound
