// The opaque cursor of GET /api/connectors: base64url of a position in the list order.
//   "1:" <folded name>                                   (the name index order)
//   "2:" <sort spec> '\0' <sort key> '\0' <folded name>  (any other order, ?sort=...)
// A position rather than an offset, so creating or deleting connectors between two pages
// neither skips nor repeats one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace datahub::backend {

struct ListPosition {
  std::string sort_spec;    // "" for the name index order
  std::string sort_key;     // the sort column's value of the last row (not for name order)
  std::string folded_name;  // the last row's folded name
};

std::string encode_list_cursor(const ListPosition& position);
// The position, or nothing for a cursor this store did not make.
std::optional<ListPosition> decode_list_cursor(std::string_view cursor);

}  // namespace datahub::backend
