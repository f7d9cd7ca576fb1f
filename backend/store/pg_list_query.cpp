#include "pg_list_query.h"

#include "datahub/connector_health.h"

namespace datahub::backend {

namespace {

// Appends a parameter and returns its placeholder.
std::string add_param(PgStatement& s, std::string value) {
  s.params.push_back(std::move(value));
  return "$" + std::to_string(s.params.size());
}

std::string where_filters(PgStatement& s, const NameFilter& filter) {
  std::string where = "TRUE";
  if (filter.status) {
    where += " AND status = " +
             add_param(s, *filter.status == ConnectorStatus::Active ? "active" : "disabled");
  }
  if (filter.health) where += " AND health_key = " + add_param(s, health_sort_key(*filter.health));
  if (filter.ids) {
    // An array literal: connector ids are [A-Za-z0-9_-] (the token's were checked), no quoting.
    std::string ids = "{";
    for (const auto& id : *filter.ids) ids += (ids.size() > 1 ? "," : "") + id;
    where += " AND id = ANY(" + add_param(s, ids + "}") + "::text[])";
  }
  if (filter.needle.find('\0') != std::string::npos) {
    // A text parameter ends at its first NUL (libpq passes C strings), which would search for
    // less than was asked; no name or URL holds a NUL, so nothing matches, as on LMDB.
    where += " AND FALSE";
  } else if (!filter.needle.empty()) {
    // strpos, not LIKE: the needle is plain text (no escaping of % and _).
    const std::string needle = add_param(s, filter.needle);
    where += " AND (strpos(folded_name, " + needle + ") > 0 OR strpos(base_url_lower, " + needle +
             ") > 0)";
  }
  return where;
}

// The rows after the cursor's: later by key in the order's direction, then by name. Written
// so that the order's index bounds the scan: a row comparison ascending; descending (the key
// down, the name up), a bound on the key and a filter for the ties.
std::string after_cursor(PgStatement& s, const ListScan& scan) {
  if (!scan.after) return "";
  const std::string name = add_param(s, scan.after->folded_name);
  if (scan.order.is_index_order()) return " AND folded_name > " + name;
  const std::string column = pg_sort_column(scan.order);
  const std::string key = add_param(s, scan.after->sort_key);
  if (!scan.order.descending)
    return " AND (" + column + ", folded_name) > (" + key + ", " + name + ")";
  return " AND " + column + " <= " + key + " AND (" + column + " < " + key + " OR folded_name > " +
         name + ")";
}

}  // namespace

const char* pg_sort_column(const SortOrder& order) {
  switch (order.field) {
    case SortField::BaseUrl:
      return "base_url_lower";
    case SortField::Status:
      return "status";
    case SortField::UpdatedAt:
      return "updated_at";
    case SortField::Health:
      return "health_key";
    case SortField::Name:
      break;
  }
  return "folded_name";
}

PgStatement pg_list_count(const ListScan& scan) {
  PgStatement s;
  s.sql = "SELECT count(*) FROM connectors WHERE ";
  s.sql += where_filters(s, scan.filter);
  return s;
}

PgStatement pg_list_page(const ListScan& scan) {
  PgStatement s;
  const std::string column = pg_sort_column(scan.order);
  s.sql = "SELECT record, folded_name, " + column + " FROM connectors WHERE ";
  s.sql += where_filters(s, scan.filter);
  s.sql += after_cursor(s, scan);
  s.sql += " ORDER BY ";
  if (!scan.order.is_index_order()) {
    s.sql += column + (scan.order.descending ? " DESC, " : ", ");
  }
  s.sql += "folded_name";
  s.sql += " LIMIT " + add_param(s, std::to_string(scan.limit + 1));
  s.sql += " OFFSET " + add_param(s, std::to_string(scan.offset));
  return s;
}

}  // namespace datahub::backend
