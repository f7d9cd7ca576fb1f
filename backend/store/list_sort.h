// Orders of GET /api/connectors other than the name index's own (?sort=-updated_at, ...).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "name_index.h"

namespace datahub::backend {

enum class SortField { Name, BaseUrl, Status, UpdatedAt, Health };

struct SortOrder {
  SortField field = SortField::Name;
  bool descending = false;
  // The name index's own order needs no sorting (and pages in O(limit)).
  bool is_index_order() const { return field == SortField::Name && !descending; }
  // The canonical spelling, kept in cursors ("-updated_at").
  std::string spec() const;
};

// "", "name", "type" and "-type" (every connector has type "api") are the index order.
// Nothing for an unknown field.
std::optional<SortOrder> parse_sort(std::string_view text);

// The value a row sorts by (ties go by the folded name, ascending).
std::string sort_key(SortField field, std::string_view folded_name, const NameSummary& summary);

}  // namespace datahub::backend
