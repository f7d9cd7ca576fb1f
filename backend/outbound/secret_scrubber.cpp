#include "outbound/secret_scrubber.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "datahub/text.h"
#include "datahub/url_encoding.h"

namespace datahub::outbound {

namespace {
constexpr std::size_t kMinSecret = 4;
constexpr std::string_view kMask = "***";
// Ends a text that was cut: what is dropped before it may or may not have held a secret.
constexpr std::string_view kCutMark = "\xE2\x80\xA6";  // "…"

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// The hex digits of every "%XX" and "\uXXXX" escape in one case: encoders differ ("%2f" and
// "%2F", "\u00e9" and "\u00E9") and an echo must not slip through on that.
std::string with_escape_case(std::string_view text, bool upper) {
  std::string out(text);
  auto recase = [&](std::size_t from, std::size_t count) {
    if (from + count > out.size()) return;
    for (std::size_t i = from; i < from + count; ++i)
      if (!is_hex(out[i])) return;
    for (std::size_t i = from; i < from + count; ++i) {
      out[i] = upper ? to_upper_ascii(out[i]) : to_lower_ascii(out[i]);
    }
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%') recase(i + 1, 2);
    if (out[i] == '\\' && i + 1 < out.size() && out[i + 1] == 'u') recase(i + 2, 4);
    if (out[i] == '\\') ++i;  // "\\u" is an escaped backslash, then a 'u'
  }
  return out;
}

// JSON string contents: with non-ASCII as is or as "\u" escapes (ensure_ascii, Python's
// default), and "/" as is or as "\/" (PHP's json_encode).
std::vector<std::string> json_forms(std::string_view secret) {
  std::vector<std::string> out;
  for (bool ascii : {false, true}) {
    const std::string quoted = nlohmann::json(std::string(secret))
                                   .dump(-1, ' ', ascii, nlohmann::json::error_handler_t::replace);
    std::string escaped = quoted.substr(1, quoted.size() - 2);
    std::string slash_escaped;
    for (char c : escaped) slash_escaped += c == '/' ? std::string("\\/") : std::string(1, c);
    out.push_back(std::move(escaped));
    out.push_back(std::move(slash_escaped));
  }
  return out;
}

// HTML text and attribute escaping: '&', '<', '>' always the same way, quotes as the common
// escapers write them (Go and Jinja "&#34;"/"&#39;", Python "&#x27;", PHP "&#039;"/"&apos;").
std::vector<std::string> html_forms(std::string_view secret) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kQuotes = {{
      {"&quot;", "&#39;"},
      {"&quot;", "&#x27;"},
      {"&#34;", "&#39;"},
      {"&quot;", "&apos;"},
      {"&quot;", "&#039;"},
      {"\"", "'"},
  }};
  std::vector<std::string> out;
  for (const auto& [double_quote, single_quote] : kQuotes) {
    std::string form;
    for (char c : secret) {
      switch (c) {
        case '&':
          form += "&amp;";
          break;
        case '<':
          form += "&lt;";
          break;
        case '>':
          form += "&gt;";
          break;
        case '"':
          form += double_quote;
          break;
        case '\'':
          form += single_quote;
          break;
        default:
          form += c;
      }
    }
    out.push_back(std::move(form));
  }
  return out;
}

// The secret as written and as an upstream may echo it: escaped in JSON, percent-encoded and
// form-encoded (hex in either case), HTML-escaped. Letters, digits, '-', '.' and '_' read the
// same in every form (most keys and tokens): one form then.
std::vector<std::string> forms_of(std::string_view secret) {
  const bool plain = std::all_of(secret.begin(), secret.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
  if (plain) return {std::string(secret)};
  std::vector<std::string> out = {std::string(secret)};
  for (auto& form : json_forms(secret)) out.push_back(std::move(form));
  for (auto& form : html_forms(secret)) out.push_back(std::move(form));
  out.push_back(percent_encode(secret));
  out.push_back(form_urlencode(secret));
  const std::size_t encoded = out.size();
  for (std::size_t i = 0; i < encoded; ++i) {
    out.push_back(with_escape_case(out[i], false));
    out.push_back(with_escape_case(out[i], true));
  }
  return out;
}

}  // namespace

void SecretScrubber::add(std::string_view secret) {
  if (secret.size() < kMinSecret) return;
  for (std::string& form : forms_of(secret))
    if (std::find(m_secrets.begin(), m_secrets.end(), form) == m_secrets.end())
      m_secrets.push_back(std::move(form));
  std::sort(m_secrets.begin(), m_secrets.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

nlohmann::json SecretScrubber::scrub_json(const nlohmann::json& value) const {
  if (value.is_string()) return scrub(std::string_view(value.get_ref<const std::string&>()));
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(scrub_json(item));
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items())
      out[scrub(std::string_view(key))] = scrub_json(item);
    return out;
  }
  return value;
}

Problem SecretScrubber::scrub_problem(Problem problem) const {
  problem.detail = scrub(std::string_view(problem.detail));
  problem.extensions = scrub_json(problem.extensions);
  return problem;
}

std::string SecretScrubber::scrub(std::string_view text, bool cut) const {
  std::string out(text);
  for (const auto& secret : m_secrets) {
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at)) {
      out.replace(at, secret.size(), kMask);
      at += kMask.size();
    }
  }
  if (!cut || m_secrets.empty()) return out;
  // A cut may have split a secret, leaving its start. Masking only a tail that matches would
  // answer, guess by guess, whether text an upstream reflects starts a secret: the same number
  // of bytes goes whether it matches or not, enough for the longest form but one byte.
  const std::size_t drop = std::min(out.size(), m_secrets.front().size() - 1);
  out.resize(out.size() - drop);
  out += kCutMark;
  return out;
}

}  // namespace datahub::outbound
