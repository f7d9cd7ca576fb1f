#include "list_sort.h"

#include "datahub/list_query.h"

namespace datahub::backend {

namespace {

ListSortField shared_field(SortField field) {
  switch (field) {
    case SortField::BaseUrl:
      return ListSortField::BaseUrl;
    case SortField::Status:
      return ListSortField::Status;
    case SortField::UpdatedAt:
      return ListSortField::UpdatedAt;
    case SortField::Health:
      return ListSortField::Health;
    case SortField::Name:
      break;
  }
  return ListSortField::Name;
}

}  // namespace

std::string SortOrder::spec() const {
  return sort_spec({shared_field(field), descending});
}

// The field names are the shared list query's (datahub/list_query.h).
std::optional<SortOrder> parse_sort(std::string_view text) {
  const auto sort = parse_list_sort(text);
  if (!sort) return std::nullopt;
  switch (sort->field) {
    case ListSortField::Name:
      return SortOrder{SortField::Name, sort->descending};
    case ListSortField::Type:
      return SortOrder{};  // one type for all: ties by name
    case ListSortField::BaseUrl:
      return SortOrder{SortField::BaseUrl, sort->descending};
    case ListSortField::Status:
      return SortOrder{SortField::Status, sort->descending};
    case ListSortField::UpdatedAt:
      return SortOrder{SortField::UpdatedAt, sort->descending};
    case ListSortField::Health:
      return SortOrder{SortField::Health, sort->descending};
  }
  return std::nullopt;
}
std::string sort_key(SortField field, std::string_view folded_name, const NameSummary& summary) {
  switch (field) {
    case SortField::BaseUrl:
      return std::string(summary.base_url_lower);
    case SortField::Status:
      return summary.status == ConnectorStatus::Active ? "active" : "disabled";
    case SortField::UpdatedAt:
      return std::string(summary.updated_at);
    case SortField::Health:
      return health_sort_key(summary.health);
    case SortField::Name:
      break;
  }
  return std::string(folded_name);
}

}  // namespace datahub::backend
