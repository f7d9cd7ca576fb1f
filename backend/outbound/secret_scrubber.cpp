#include "outbound/secret_scrubber.h"

#include <algorithm>
#include <cctype>

#include "datahub/url_encoding.h"

namespace datahub::outbound {

namespace {
constexpr std::size_t kMinSecret = 4;
constexpr std::string_view kMask = "***";

// Length of the longest tail of `text` (at least kMinSecret) that starts `secret`.
std::size_t partial_tail(std::string_view text, std::string_view secret) {
  for (std::size_t n = std::min(text.size(), secret.size() - 1); n >= kMinSecret; --n)
    if (text.substr(text.size() - n) == secret.substr(0, n)) return n;
  return 0;
}
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
  if (!cut) return out;
  for (const auto& secret : m_secrets) {
    if (auto n = partial_tail(out, secret); n > 0) {
      out.resize(out.size() - n);
      out += kMask;
    }
  }
  return out;
}

}  // namespace datahub::outbound
