#include "list_request.h"

#include "datahub/text.h"

namespace datahub::backend {

namespace {

Problem bad_request(const char* field, const std::string& message) {
  return make_problem(ProblemType::BadRequest, std::string(field) + " " + message,
                      {{field, message}});
}

}  // namespace

Result<ListScan> to_list_scan(const ListQuery& query) {
  if (query.limit < 1 || query.limit > kListLimitMax) {
    return bad_request("limit", "must be between 1 and 500");
  }
  ListScan scan;
  scan.limit = query.limit;
  scan.offset = query.offset;
  scan.filter.needle = to_lower_ascii(query.q);
  scan.filter.status = query.status;
  scan.filter.health = query.health;
  scan.filter.ids = query.only_ids;
  auto order = parse_sort(query.sort);
  if (!order)
    return bad_request("sort",
                       "must be name, type, base_url, status, updated_at or health, "
                       "with a leading - for descending");
  scan.order = *order;
  if (!query.cursor.empty()) {
    auto after = decode_list_cursor(query.cursor);
    // A cursor only continues the order it was made in.
    if (!after || after->sort_spec != (scan.order.is_index_order() ? "" : scan.order.spec())) {
      return bad_request("cursor", "is not a cursor from a previous page of this order");
    }
    scan.after = std::move(*after);
  }
  return scan;
}

}  // namespace datahub::backend
