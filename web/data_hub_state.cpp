#include "data_hub_state.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "datahub/list_query.h"

namespace datahub::web {
namespace {

const char* StatusParam(StatusFilter filter) {
  switch (filter) {
    case StatusFilter::Active:
      return "active";
    case StatusFilter::Disabled:
      return "disabled";
    case StatusFilter::All:
      break;
  }
  return "";
}

// The table's columns are the API's sort fields (datahub/list_query.h), in the same order.
constexpr std::pair<SortColumn, ListSortField> kSortFields[] = {
    {SortColumn::Name, ListSortField::Name},         {SortColumn::Type, ListSortField::Type},
    {SortColumn::BaseUrl, ListSortField::BaseUrl},   {SortColumn::Status, ListSortField::Status},
    {SortColumn::Updated, ListSortField::UpdatedAt}, {SortColumn::Health, ListSortField::Health},
};

// The query parameter for a sort order; "" for the API's own order (by name, ascending).
std::string SortParam(SortOrder order) {
  if (order.column == SortColumn::Name && order.ascending) return "";
  ListSort sort{ListSortField::Name, !order.ascending};
  for (const auto& [column, field] : kSortFields)
    if (column == order.column) sort.field = field;
  return sort_spec(sort);
}

// A sort parameter back to its order; anything it does not know is the API's own order.
SortOrder SortFromParam(std::string_view param) {
  const auto sort = parse_list_sort(param);
  if (!sort) return {};
  SortOrder order;
  for (const auto& [column, field] : kSortFields)
    if (field == sort->field) order.column = column;
  order.ascending = !sort->descending;
  return order;
}

const std::string& SortKey(const ConnectorRow& row, SortColumn column) {
  switch (column) {
    case SortColumn::Health:
      return health_sort_key(row.health.state);  // the server's order
    case SortColumn::Type:
      return row.type;
    case SortColumn::BaseUrl:
      return row.base_url;
    case SortColumn::Status:
      return row.status;
    case SortColumn::Updated:
      return row.updated_at;
    case SortColumn::Name:
      break;
  }
  return row.name;
}

// Case-insensitive, as the server orders names (docs/API.md).
bool LessFolded(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return lower(x) < lower(y);
  });
}

}  // namespace

ListAddress DataHubState::Address() const {
  return {m_sent_search, StatusParam(m_filter), SortParam(m_sort), m_failing_only ? "failing" : ""};
}

void DataHubState::OpenAddress(const ListAddress& address) {
  m_query_changed_by_user = false;
  m_search = address.q;
  m_filter = address.status == "active"     ? StatusFilter::Active
             : address.status == "disabled" ? StatusFilter::Disabled
                                            : StatusFilter::All;
  m_failing_only = address.health == "failing";
  const SortOrder sort = SortFromParam(address.sort);
  if (sort != m_sort) m_table_sort_changed = true;
  m_sort = sort;
  Refresh();
}

void DataHubState::Refresh() {
  m_search_due.reset();  // whatever was typed goes out now
  m_sent_search = m_search;
  m_next_cursor.clear();
  Request("");
}

bool DataHubState::Filtered() const {
  return !m_search.empty() || m_filter != StatusFilter::All || m_failing_only;
}

// One row of the unfiltered list is enough to learn its total.
void DataHubState::RequestTotalOfAll() {
  ListQuery query;
  query.limit = 1;
  std::weak_ptr<DataHubState*> self = m_self;
  m_api.ListConnectors(query, [self](Result<ConnectorPage> result) {
    if (auto alive = self.lock(); alive && result.ok()) (*alive)->m_total_all = result->total;
  });
}

void DataHubState::SetSearch(const std::string& text) {
  if (text == m_search) return;
  m_query_changed_by_user = true;
  m_search = text;
  Refresh();
}

void DataHubState::TypeSearch(const std::string& text, double now) {
  if (text == m_search) return;
  m_query_changed_by_user = true;
  m_search = text;
  m_search_due = now + kSearchPause;
}

void DataHubState::Tick(double now) {
  m_relative_time_shown = false;
  if (m_search_due && now >= *m_search_due) Refresh();
}

std::optional<double> DataHubState::NextWakeIn(double now) const {
  std::optional<double> next;
  if (m_relative_time_shown) next = kRelativeTimeStep;
  if (m_search_due)
    next = std::min(next.value_or(kRelativeTimeStep), std::max(0.0, *m_search_due - now));
  return next;
}

void DataHubState::SetStatusFilter(StatusFilter filter) {
  if (filter == m_filter) return;
  m_query_changed_by_user = true;
  m_filter = filter;
  Refresh();
}

void DataHubState::SetFailingOnly(bool on) {
  if (on == m_failing_only) return;
  m_query_changed_by_user = true;
  m_failing_only = on;
  Refresh();
}

void DataHubState::SetSort(SortOrder order) {
  if (order == m_sort) return;
  m_sort = order;
  // The API orders by name only: any other order is exact only once every row is here.
  if (AllLoaded() && m_settled && !m_loading)
    SortLoadedRows();
  else
    Refresh();
}

const ConnectorRow* DataHubState::RowAt(std::int64_t index) const {
  if (index < 0) return nullptr;
  if (index < static_cast<std::int64_t>(m_rows.size()))
    return &m_rows[static_cast<std::size_t>(index)];
  for (auto block = m_blocks.rbegin(); block != m_blocks.rend(); ++block) {
    const std::int64_t at = index - block->first;
    if (at >= 0 && at < static_cast<std::int64_t>(block->rows.size()))
      return &block->rows[static_cast<std::size_t>(at)];
  }
  return nullptr;
}

void DataHubState::NeedRows(std::int64_t first, std::int64_t end) {
  if (m_loading || AllLoaded()) return;
  end = std::min(end, m_total);
  std::int64_t missing = first;
  while (missing < end && RowAt(missing)) ++missing;
  if (missing >= end) return;
  const auto loaded = static_cast<std::int64_t>(m_rows.size());
  if (missing < loaded + kPageSize) return Request(m_next_cursor);
  // A page centred on the rows shown, kept inside the list: it holds all of them.
  const std::int64_t shown = end - first;
  const std::int64_t offset =
      std::max<std::int64_t>(0, std::min(first - (kPageSize - shown) / 2, m_total - kPageSize));
  RequestAt(offset);
}

ListQuery DataHubState::PageQuery(const std::string& search) const {
  ListQuery query;
  query.q = search;
  query.status = StatusParam(m_filter);
  query.health = m_failing_only ? "failing" : "";
  query.limit = kPageSize;
  query.sort = SortParam(m_sort);
  return query;
}

void DataHubState::Request(const std::string& cursor) {
  m_loading = true;
  const bool first = cursor.empty();
  std::uint64_t generation = first ? ++m_generation : m_generation;
  ListQuery query = PageQuery(m_search);
  query.cursor = cursor;
  std::weak_ptr<DataHubState*> self = m_self;
  m_api.ListConnectors(query, [self, generation, first](Result<ConnectorPage> result) {
    if (auto alive = self.lock()) (*alive)->OnPage(generation, first, std::move(result));
  });
}

void DataHubState::RequestAt(std::int64_t offset) {
  m_loading = true;
  const std::uint64_t generation = m_generation;
  ListQuery query = PageQuery(m_sent_search);
  query.offset = offset;
  std::weak_ptr<DataHubState*> self = m_self;
  m_api.ListConnectors(query, [self, generation, offset](Result<ConnectorPage> result) {
    if (auto alive = self.lock()) (*alive)->OnBlock(generation, offset, std::move(result));
  });
}

void DataHubState::OnBlock(std::uint64_t generation, std::int64_t offset,
                           Result<ConnectorPage> result) {
  if (generation != m_generation) return;  // a newer query is on its way
  m_loading = false;
  if (!result.ok()) {
    m_error = result.problem();
    return;
  }
  if (m_blocks.size() == kMaxBlocks) m_blocks.erase(m_blocks.begin());
  m_blocks.push_back({offset, std::move(result->items)});
  m_total = std::max<std::int64_t>(result->total, static_cast<std::int64_t>(m_rows.size()));
  m_error.reset();
}

void DataHubState::OnPage(std::uint64_t generation, bool first, Result<ConnectorPage> result) {
  if (generation != m_generation) return;  // a newer query is on its way
  m_loading = false;
  m_settled = true;
  if (first) m_answered_generation = generation;
  if (!result.ok()) {
    m_error = result.problem();
    if (first) {
      m_rows.clear();
      m_total = 0;
      m_next_cursor.clear();
    }
    return;
  }
  ConnectorPage& page = result.value();
  if (first) {
    m_rows.clear();
    m_blocks.clear();
  }
  m_rows.insert(m_rows.end(), std::make_move_iterator(page.items.begin()),
                std::make_move_iterator(page.items.end()));
  m_total = std::max<std::int64_t>(page.total, static_cast<std::int64_t>(m_rows.size()));
  // "21 of 203": the unfiltered total, asked for once a narrowed list has answered.
  if (!Filtered())
    m_total_all = m_total;
  else if (first)
    RequestTotalOfAll();
  m_next_cursor = page.next_cursor;
  m_error.reset();
  if (AllLoaded()) {
    m_blocks.clear();  // every row is in m_rows now
    SortLoadedRows();
  }
}

void DataHubState::SortLoadedRows() {
  const SortOrder order = m_sort;
  std::stable_sort(m_rows.begin(), m_rows.end(),
                   [order](const ConnectorRow& a, const ConnectorRow& b) {
                     const std::string& ka = SortKey(a, order.column);
                     const std::string& kb = SortKey(b, order.column);
                     return order.ascending ? LessFolded(ka, kb) : LessFolded(kb, ka);
                   });
}

}  // namespace datahub::web
