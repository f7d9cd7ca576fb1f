// Keeps secrets out of what the API answers: an upstream may echo the headers it received
// (httpbin's /headers does), and an error page may quote them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/problem.h"

namespace datahub::outbound {

class SecretScrubber {
 public:
  // Secrets shorter than 4 bytes are ignored: masking every "a" would ruin the text and hide
  // almost nothing (validation refuses secret header values and client secrets under 8 bytes).
  // The secret is also looked for as an upstream may echo it: escaped in JSON (with or without
  // "\/", non-ASCII as is or as "\u00e9"), percent-encoded and form-encoded (hex digits in
  // either case), and HTML-escaped.
  void add(std::string_view secret);

  // Every occurrence of a secret becomes "***". With `cut` (the text was truncated) a fixed
  // tail (the longest form of any secret, less one byte) is dropped and "…" appended, whether
  // or not that tail starts a secret: the result must not tell a caller whether text they had
  // an upstream reflect matches the start of a secret.
  std::string scrub(std::string_view text, bool cut = false) const;
  // Every string in `value`, keys included.
  nlohmann::json scrub_json(const nlohmann::json& value) const;
  // The detail and the extensions (a token endpoint's error_description may quote a secret).
  Problem scrub_problem(Problem problem) const;

 private:
  std::vector<std::string> m_secrets;  // longest first, so a longer secret wins an overlap
};

}  // namespace datahub::outbound
