#include "list_cursor.h"

#include <sodium.h>

namespace datahub::backend {
namespace {

constexpr std::string_view kNameOrder = "1:";
constexpr std::string_view kSortedOrder = "2:";
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string to_base64(const std::string& raw) {
  std::string out(sodium_base64_encoded_len(raw.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), kVariant);
  out.resize(out.size() - 1);  // the NUL sodium appends
  return out;
}

std::optional<std::string> from_base64(std::string_view cursor) {
  std::string raw(cursor.size(), '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(),
                        cursor.size(), nullptr, &len, &end, kVariant) != 0 ||
      end != cursor.data() + cursor.size()) {
    return std::nullopt;
  }
  raw.resize(len);
  return raw;
}

std::optional<ListPosition> decode_sorted(std::string_view body) {
  const auto first = body.find('\0');
  if (first == std::string_view::npos || first == 0) return std::nullopt;
  const auto second = body.find('\0', first + 1);
  if (second == std::string_view::npos || second + 1 >= body.size()) return std::nullopt;
  return ListPosition{std::string(body.substr(0, first)),
                      std::string(body.substr(first + 1, second - first - 1)),
                      std::string(body.substr(second + 1))};
}

}  // namespace

std::string encode_list_cursor(const ListPosition& position) {
  std::string raw;
  if (position.sort_spec.empty()) {
    raw = std::string(kNameOrder) + position.folded_name;
  } else {
    raw = std::string(kSortedOrder) + position.sort_spec + '\0' + position.sort_key + '\0' +
          position.folded_name;
  }
  return to_base64(raw);
}

std::optional<ListPosition> decode_list_cursor(std::string_view cursor) {
  auto raw = from_base64(cursor);
  if (!raw || raw->size() <= kNameOrder.size()) return std::nullopt;
  const std::string_view body = std::string_view(*raw).substr(kNameOrder.size());
  if (raw->compare(0, kNameOrder.size(), kNameOrder) == 0) {
    return ListPosition{"", "", std::string(body)};
  }
  if (raw->compare(0, kSortedOrder.size(), kSortedOrder) == 0) return decode_sorted(body);
  return std::nullopt;
}

}  // namespace datahub::backend
