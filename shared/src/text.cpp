// UTF-8 decoding in one place, so length counts and control checks agree on what a character is.
#include "datahub/text.h"

#include <cstdint>

namespace datahub {
namespace {

// Decodes the code point at `s[i]` and advances `i`; nothing on an invalid sequence.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  // Sequence length and the smallest code point it may encode (anything lower is overlong).
  std::size_t extra = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1;
    min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2;
    min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3;
    min = 0x10000;
  } else {
    return std::nullopt;  // a continuation byte, 0xC0/0xC1 (always overlong) or 0xF5+
  }
  char32_t cp = lead & (0x3F >> extra);
  if (s.size() - i <= extra) return std::nullopt;
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += extra + 1;
  return cp;
}

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  return utf8_length(s).has_value();
}

std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    if (!next_code_point(s, i)) return std::nullopt;
  }
  return count;
}

bool has_control_chars(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto cp = next_code_point(s, i);
    if (!cp) {
      ++i;  // skip the bad byte; validity is is_valid_utf8's question
      continue;
    }
    if (is_control(*cp)) return true;
  }
  return false;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

char to_lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

char to_upper_ascii(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower_ascii(c);
  return out;
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_upper_ascii(c);
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower_ascii(a) == to_lower_ascii(b);
}

}  // namespace datahub
