#include "datahub/list_query.h"

#include <array>
#include <utility>

#include "datahub/url_encoding.h"

namespace datahub {
namespace {

constexpr std::array<std::pair<ListSortField, std::string_view>, 6> kSortFields = {{
    {ListSortField::Name, "name"},
    {ListSortField::Type, "type"},
    {ListSortField::BaseUrl, "base_url"},
    {ListSortField::Status, "status"},
    {ListSortField::UpdatedAt, "updated_at"},
    {ListSortField::Health, "health"},
}};

const std::string* param(const std::multimap<std::string, std::string>& params,
                         const std::string& name) {
  auto it = params.lower_bound(name);  // the first of repeated ones, as the server reads them
  return it == params.end() || it->first != name ? nullptr : &it->second;
}

}  // namespace

std::string_view sort_field_name(ListSortField field) {
  for (const auto& [f, name] : kSortFields)
    if (f == field) return name;
  return "name";
}

std::string sort_spec(const ListSort& sort) {
  return (sort.descending ? "-" : "") + std::string(sort_field_name(sort.field));
}

std::optional<ListSort> parse_list_sort(std::string_view text) {
  ListSort sort;
  if (!text.empty() && text.front() == '-') {
    sort.descending = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return sort.descending ? std::nullopt : std::optional<ListSort>(sort);
  for (const auto& [field, name] : kSortFields) {
    if (name != text) continue;
    sort.field = field;
    return sort;
  }
  return std::nullopt;
}

std::string list_query_string(const ListQuery& query) {
  std::string out = "limit=" + std::to_string(query.limit);
  auto add = [&out](const char* key, std::string_view value) {
    if (!value.empty()) out += std::string("&") + key + "=" + percent_encode(value);
  };
  add("q", query.q);
  add("status", query.status ? to_string(*query.status) : "");
  add("health", query.health ? to_string(*query.health) : "");
  add("cursor", query.cursor);
  if (query.offset > 0) out += "&offset=" + std::to_string(query.offset);
  add("sort", query.sort);
  return out;
}

Result<ListQuery> list_query_from_params(const std::multimap<std::string, std::string>& params) {
  ListQuery query;
  if (const auto* q = param(params, "q")) query.q = *q;
  if (const auto* cursor = param(params, "cursor")) query.cursor = *cursor;
  if (const auto* sort = param(params, "sort")) query.sort = *sort;
  std::vector<FieldError> errors;
  if (const auto* status = param(params, "status"); status && !status->empty()) {
    query.status = parse_connector_status(*status);
    if (!query.status) errors.push_back({"status", "must be active or disabled"});
  }
  if (const auto* health = param(params, "health"); health && !health->empty()) {
    query.health = parse_health_state(*health);
    if (!query.health) errors.push_back({"health", "must be ok, failing or unknown"});
  }
  if (const auto* limit = param(params, "limit")) {
    const bool digits = !limit->empty() && limit->size() <= 4 &&
                        limit->find_first_not_of("0123456789") == std::string::npos;
    const std::size_t value = digits ? std::stoul(*limit) : 0;
    if (value < 1 || value > kListLimitMax)
      errors.push_back({"limit", "must be a number from 1 to " + std::to_string(kListLimitMax)});
    query.limit = value;
  }
  if (const auto* offset = param(params, "offset")) {
    const std::string digits_max = std::to_string(kListOffsetMax);
    if (offset->empty() || offset->size() > digits_max.size() ||
        offset->find_first_not_of("0123456789") != std::string::npos) {
      errors.push_back({"offset", "must be a whole number from 0 to " + digits_max});
    } else {
      query.offset = std::stoul(*offset);
    }
  }
  if (!errors.empty())
    return make_problem(ProblemType::BadRequest, "The query parameters are not valid.", errors);
  return query;
}

}  // namespace datahub
