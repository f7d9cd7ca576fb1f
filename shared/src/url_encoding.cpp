#include "datahub/url_encoding.h"

namespace datahub {
namespace {

bool is_alnum_ascii(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Encodes every byte `keep` refuses as %XX, and a space as `space` when one is given.
template <typename Keep>
std::string encode(std::string_view text, Keep keep, char space) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (keep(c)) {
      out += static_cast<char>(c);
    } else if (c == ' ' && space != '\0') {
      out += space;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int high = text[i] == '%' && i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
    if (low >= 0) {
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  auto unreserved = [](unsigned char c) {
    return is_alnum_ascii(c) || c == '-' || c == '.' || c == '_' || c == '~';
  };
  return encode(text, unreserved, '\0');
}

std::string form_urlencode(std::string_view text) {
  auto kept = [](unsigned char c) {
    return is_alnum_ascii(c) || c == '*' || c == '-' || c == '.' || c == '_';
  };
  return encode(text, kept, '+');
}

}  // namespace datahub
