#include "list_cursor.h"

#include <sodium.h>

namespace datahub::backend {

namespace {
constexpr std::string_view kPrefix = "1:";  // the cursor format's version
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}  // namespace

std::string encode_list_cursor(std::string_view folded_name) {
  std::string raw(kPrefix);
  raw += folded_name;
  std::string out(sodium_base64_encoded_len(raw.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), kVariant);
  out.resize(out.size() - 1);  // the NUL sodium appends
  return out;
}

std::optional<std::string> decode_list_cursor(std::string_view cursor) {
  std::string raw(cursor.size(), '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(),
                        cursor.size(), nullptr, &len, &end, kVariant) != 0 ||
      end != cursor.data() + cursor.size()) {
    return std::nullopt;
  }
  raw.resize(len);
  if (raw.size() <= kPrefix.size() || raw.compare(0, kPrefix.size(), kPrefix) != 0) {
    return std::nullopt;
  }
  return raw.substr(kPrefix.size());
}

}  // namespace datahub::backend
