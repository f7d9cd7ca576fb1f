// View state of the Data Hub (the connector list): the query (search, status filter, sort), the
// rows loaded so far page by page, and the last error; apart from drawing (screen_data_hub.cpp)
// so tests can drive it without a screen.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api_client.h"
#include "route.h"

namespace datahub::web {

enum class StatusFilter { All, Active, Disabled };
// In the table's column order (its headers use these as column indexes).
enum class SortColumn { Name, Type, BaseUrl, Status, Health, Updated };

// Where the list screen moves keyboard focus itself: ImGui's Tab does not enter the table's
// scrolling region, so Tab from the toolbar's last button goes to the first row, and Tab or
// Shift+Tab from a row back out to the top of the screen or the toolbar's last button.
enum class ListFocus { None, FirstRow, Top, LastTool, Search };

struct SortOrder {
  SortColumn column = SortColumn::Name;  // the server's own order (docs/API.md)
  bool ascending = true;
  bool operator==(const SortOrder&) const = default;
};

class DataHubState {
 public:
  static constexpr int kPageSize = 200;         // rows per request while scrolling
  static constexpr double kSearchPause = 0.25;  // seconds without typing before a search goes out

  explicit DataHubState(ApiClient& api) : m_api(api) {}

  // (Re)loads from the first page. Answers to older queries are dropped when they arrive late.
  void Refresh();
  void SetSearch(const std::string& text);
  // The search box: Search() follows every key, but the query goes out once typing pauses for
  // kSearchPause (one request per pause, not one per key). `now` is in seconds (ImGui time).
  void TypeSearch(const std::string& text, double now);
  // Sends a typed search whose pause is over; called on every frame of the Data Hub.
  void Tick(double now);
  // Seconds until the screen must be drawn again: a typed search to send, or a relative time
  // on show ("5 min ago") to move on; nullopt when nothing waits.
  std::optional<double> NextWakeIn(double now) const;
  // The frame being drawn shows a relative time (reset by Tick, at the start of each frame).
  void ShowsRelativeTime() { m_relative_time_shown = true; }
  static constexpr double kRelativeTimeStep = 60;  // seconds: the times say minutes
  void SetStatusFilter(StatusFilter filter);
  // Only the connectors whose health is failing (?health=failing).
  void SetFailingOnly(bool on);
  void SetSort(SortOrder order);
  // The table is about to show rows [first, end). Just past the rows loaded in order, the next
  // page comes by cursor; further on (the scrollbar dragged), only the page around those rows
  // comes, by offset: a jump to the end of 100,000 rows is one request, not 500.
  void NeedRows(std::int64_t first, std::int64_t end);
  void NeedRow(std::int64_t index) { NeedRows(index, index + 1); }
  // Row `index`, or nullptr while its page has not arrived.
  const ConnectorRow* RowAt(std::int64_t index) const;

  const std::string& Search() const { return m_search; }
  StatusFilter Filter() const { return m_filter; }
  bool FailingOnly() const { return m_failing_only; }
  SortOrder Sort() const { return m_sort; }
  bool Loading() const { return m_loading; }
  // True once any answer (rows or an error) has arrived for the current query.
  bool Settled() const { return m_settled; }
  // The rows loaded in order from the first (a jump's page is apart: RowAt).
  const std::vector<ConnectorRow>& Rows() const { return m_rows; }
  // All connectors matching the query; rows past Rows().size() are not loaded yet.
  std::int64_t Total() const { return m_total; }
  bool AllLoaded() const { return m_next_cursor.empty(); }
  // A search, a status filter or "failing only" narrows the list.
  bool Filtered() const;
  // The user changed the search or the filter since the list was opened: its new count is
  // worth saying (a screen reader hears it).
  bool QueryChangedByUser() const { return m_query_changed_by_user; }
  // The count is the answer to the query as it stands: no typed search waiting to go out, no
  // new query on its way (further pages may be).
  bool CountCurrent() const { return !m_search_due && m_answered_generation == m_generation; }
  // All connectors, whatever the search and filter ("21 of 203"); nullopt until known.
  std::optional<std::int64_t> TotalOfAll() const { return m_total_all; }
  const std::optional<Problem>& Error() const { return m_error; }

  // The query as the page's address keeps it: the search that went out (text still being typed
  // joins it once its pause is over and it goes out), the status filter and the sort. Reading
  // it sends nothing.
  ListAddress Address() const;
  // The query an address names (a reload, a bookmark, back or forward): takes it whole, a
  // search being typed included, and loads the list for it with one request. Nothing here
  // checks the address: ParseRoute left out what the list does not know.
  void OpenAddress(const ListAddress& address);
  // True once after OpenAddress changed the sort: the table's headers must show it.
  bool TakeTableSort() { return std::exchange(m_table_sort_changed, false); }

  // Keyboard focus to move when `where` is next drawn; TakeFocus is true once, at that place.
  void MoveFocus(ListFocus where) { m_focus = where; }
  bool TakeFocus(ListFocus where) {
    if (m_focus != where) return false;
    m_focus = ListFocus::None;
    return true;
  }
  // The row opened last: when the list shows again (back from the connector), the focus returns
  // to it, shown when the keyboard opened it. ReturnFocus is true at that row, for a few frames
  // (ImGui may not take the focus on the frame the screen reappears), until RowFocused.
  void OpenedRow(std::string id, bool by_keyboard) {
    m_return_row = std::move(id);
    m_return_highlight = by_keyboard;
    m_return_tries = kReturnFocusTries;
  }
  bool ReturnFocus(const std::string& id, bool* highlight) {
    if (m_return_row.empty() || m_return_row != id) return false;
    if (--m_return_tries <= 0) m_return_row.clear();
    *highlight = m_return_highlight;
    return true;
  }
  void RowFocused(const std::string& id) {
    if (id == m_return_row) m_return_row.clear();
  }
  static constexpr int kReturnFocusTries = 10;

 private:
  // A page of the list as the table shows it now (filter, sort), for `search`; the caller adds
  // where it starts (a cursor or an offset).
  ListQuery PageQuery(const std::string& search) const;
  void Request(const std::string& cursor);
  void RequestAt(std::int64_t offset);
  void OnBlock(std::uint64_t generation, std::int64_t offset, Result<ConnectorPage> result);
  void RequestTotalOfAll();
  void OnPage(std::uint64_t generation, bool first, Result<ConnectorPage> result);
  void SortLoadedRows();

  ApiClient& m_api;
  std::string m_search;
  std::optional<double> m_search_due;  // when a typed search goes out
  std::string m_sent_search;           // the search of the last first-page request
  StatusFilter m_filter = StatusFilter::All;
  bool m_failing_only = false;
  bool m_relative_time_shown = false;
  SortOrder m_sort;
  std::vector<ConnectorRow> m_rows;
  // Pages loaded at a position (by offset), the newest last; a few, for scrolling back and forth.
  struct RowBlock {
    std::int64_t first = 0;
    std::vector<ConnectorRow> rows;
  };
  static constexpr std::size_t kMaxBlocks = 8;
  std::vector<RowBlock> m_blocks;
  std::int64_t m_total = 0;
  std::optional<std::int64_t> m_total_all;
  std::string m_next_cursor;
  std::optional<Problem> m_error;
  bool m_loading = false;
  bool m_settled = false;
  ListFocus m_focus = ListFocus::None;
  std::string m_return_row;  // see OpenedRow
  bool m_return_highlight = false;
  int m_return_tries = 0;
  bool m_table_sort_changed = false;
  bool m_query_changed_by_user = false;
  std::uint64_t m_generation = 0;
  std::uint64_t m_answered_generation = 0;  // of the last first page answered
  // Callbacks hold a weak reference: an answer arriving after this state is gone is dropped.
  std::shared_ptr<DataHubState*> m_self = std::make_shared<DataHubState*>(this);
};

}  // namespace datahub::web
