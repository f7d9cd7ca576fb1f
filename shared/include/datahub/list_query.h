// The query of GET /api/connectors (docs/API.md, "List parameters"): q, status, limit, cursor,
// offset and sort. The backend reads it from the query string, the web writes it; both with the
// functions below, so the sort fields and the limits are known once.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/connector.h"
#include "datahub/connector_health.h"
#include "datahub/result.h"

namespace datahub {

inline constexpr std::size_t kListLimitDefault = 50;
inline constexpr std::size_t kListLimitMax = 500;  // and at least 1
// Far past any store a server keeps, and nine digits fit every size_t.
inline constexpr std::size_t kListOffsetMax = 999'999'999;

// The columns a list may be sorted by. `Type` is accepted (every connector has type "api"),
// and orders like `Name`. `Health` ascending puts failing first, then unknown, then ok.
enum class ListSortField { Name, Type, BaseUrl, Status, UpdatedAt, Health };

struct ListSort {
  ListSortField field = ListSortField::Name;
  bool descending = false;
  bool operator==(const ListSort&) const = default;
};

// "name", "type", "base_url", "status", "updated_at", "health".
std::string_view sort_field_name(ListSortField field);
// "-updated_at"; "name" for the API's own order.
std::string sort_spec(const ListSort& sort);
// "" is the API's own order (name ascending); "-" first is descending. Nothing for an unknown
// field (and for "-" alone).
std::optional<ListSort> parse_list_sort(std::string_view text);

struct ListQuery {
  std::string q;                          // substring of name or base_url, case-insensitive
  std::optional<ConnectorStatus> status;  // filter, when set
  std::size_t limit = kListLimitDefault;  // 1..kListLimitMax
  std::string cursor;                     // opaque, from a previous page's next_cursor
  // "" or "name" (the index order), else one of the other fields, any of them with a leading
  // "-" for descending; ties go by name. Checked by the store (parse_list_sort).
  std::string sort;
  // Matches to skip (after the cursor, if any): a table scrolled far loads the page under it
  // with one request instead of every page before it. 0..kListOffsetMax.
  std::size_t offset = 0;
  std::optional<HealthState> health;  // filter, when set
  // Only these connector ids (sorted): set by the server for an API token limited to them,
  // never read from the query string.
  std::optional<std::vector<std::string>> only_ids = std::nullopt;
  bool operator==(const ListQuery&) const = default;
};

// The query string, without "?":
// "limit=50&q=erp%20prod&status=active&health=failing&cursor=...&offset=200&sort=-name"; empty
// members are left out, limit is always there.
std::string list_query_string(const ListQuery& query);

// Reads the query parameters (as the HTTP server splits them: name -> decoded value). An empty
// `status` is no filter. BadRequest (400) for a status, limit or offset out of range, each in
// `errors`; so is an unknown `health` (an empty one is no filter).
Result<ListQuery> list_query_from_params(const std::multimap<std::string, std::string>& params);

}  // namespace datahub
