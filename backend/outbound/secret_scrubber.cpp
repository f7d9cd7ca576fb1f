#include "outbound/secret_scrubber.h"

#include <algorithm>
#include <cctype>

#include "datahub/url_encoding.h"

namespace datahub::outbound {

namespace {
constexpr std::size_t kMinSecret = 4;
constexpr std::string_view kMask = "***";
// Ends a text that was cut: what is dropped before it may or may not have held a secret.
constexpr std::string_view kCutMark = "\xE2\x80\xA6";  // "…"

// The secret as written and as an upstream may echo it: escaped in JSON (with or without "\/"),
// percent-encoded and form-encoded. Letters, digits, '-', '.' and '_' read the same in every
// form (most keys and tokens): one form then.
std::vector<std::string> forms_of(std::string_view secret) {
  const bool plain = std::all_of(secret.begin(), secret.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
  if (plain) return {std::string(secret)};
  const std::string quoted = nlohmann::json(std::string(secret))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string json_escaped = quoted.substr(1, quoted.size() - 2);
  std::string slash_escaped;  // PHP's json_encode writes "/" as "\/"
  for (char c : json_escaped) slash_escaped += c == '/' ? std::string("\\/") : std::string(1, c);
  return {std::string(secret), std::move(json_escaped), std::move(slash_escaped),
          percent_encode(secret), form_urlencode(secret)};
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
