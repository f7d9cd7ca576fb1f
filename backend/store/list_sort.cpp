#include "list_sort.h"

namespace datahub::backend {

std::string SortOrder::spec() const {
  const char* name = "name";
  switch (field) {
    case SortField::BaseUrl:
      name = "base_url";
      break;
    case SortField::Status:
      name = "status";
      break;
    case SortField::UpdatedAt:
      name = "updated_at";
      break;
    case SortField::Name:
      break;
  }
  return (descending ? "-" : "") + std::string(name);
}

std::optional<SortOrder> parse_sort(std::string_view text) {
  SortOrder order;
  if (!text.empty() && text.front() == '-') {
    order.descending = true;
    text.remove_prefix(1);
  }
  if (text.empty() && !order.descending) return order;
  if (text == "name") return order;
  if (text == "type") return SortOrder{};  // one type for all: ties by name
  if (text == "base_url")
    order.field = SortField::BaseUrl;
  else if (text == "status")
    order.field = SortField::Status;
  else if (text == "updated_at")
    order.field = SortField::UpdatedAt;
  else
    return std::nullopt;
  return order;
}

std::string sort_key(SortField field, std::string_view folded_name, const NameSummary& summary) {
  switch (field) {
    case SortField::BaseUrl:
      return std::string(summary.base_url_lower);
    case SortField::Status:
      return summary.status == ConnectorStatus::Active ? "active" : "disabled";
    case SortField::UpdatedAt:
      return std::string(summary.updated_at);
    case SortField::Name:
      break;
  }
  return std::string(folded_name);
}

}  // namespace datahub::backend
