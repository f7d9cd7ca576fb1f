#include "list_scan.h"

#include <algorithm>
#include <vector>

namespace datahub::backend {

namespace {

Problem corrupt_index() {
  return make_problem(ProblemType::Internal, "store: the name index holds an unreadable entry");
}

// Positions `cursor` on the first key after `after` (or the first key at all).
int start_after(Cursor& cursor, const std::string& after) {
  if (after.empty()) return cursor.step(MDB_FIRST);
  int rc = cursor.seek(after);
  if (rc == 0 && cursor.key() == after) rc = cursor.step(MDB_NEXT);
  return rc;
}

// The two places the scans below read the index from; the same scans run over both, so a
// list gives the same page from either. (The LMDB one stops at a failure: the caller checks.)
class LmdbRows {
 public:
  LmdbRows(Txn& txn, MDB_dbi names) : m_cursor(txn, names) {}
  bool start(const std::string& after) { return start_after(m_cursor, after) == 0; }
  bool next() { return m_cursor.step(MDB_NEXT) == 0; }
  std::string_view key() const { return m_cursor.key(); }
  std::string_view value() const { return m_cursor.value(); }

 private:
  Cursor m_cursor;
};

// Steps only to rows whose name or base URL holds the needle (the filter checks again).
class MemoryRows {
 public:
  MemoryRows(const NameRows& rows, std::string_view needle) : m_rows(rows), m_needle(needle) {}
  bool start(const std::string& after) { return at(after.empty() ? 0 : m_rows.upper_bound(after)); }
  bool next() { return at(m_at + 1); }
  std::string_view key() const { return m_rows.key(m_at); }
  std::string_view value() const { return m_rows.value(m_at); }

 private:
  bool at(std::size_t from) {
    m_at = m_rows.next_match(from, m_needle);
    return m_at < m_rows.size();
  }
  const NameRows& m_rows;
  std::string_view m_needle;
  std::size_t m_at = 0;
};

// From the cursor on, only as far as the match after the page: the total is known.
template <class Rows>
Result<ScannedPage> scan_to_page_end(Rows& rows, const ListScan& scan) {
  ScannedPage page;
  page.total = *scan.known_total;
  if (page.total == 0) return page;
  std::size_t skipped = 0;
  for (bool at = rows.start(scan.after ? scan.after->folded_name : std::string()); at;
       at = rows.next()) {
    auto summary = decode_name_summary(rows.value());
    if (!summary) return corrupt_index();
    if (!scan.filter.matches(rows.key(), *summary)) continue;
    if (skipped < scan.offset) {
      ++skipped;
      continue;
    }
    if (page.ids.size() == scan.limit) {
      page.more = true;
      break;
    }
    page.ids.emplace_back(summary->id);
    page.last.folded_name = rows.key();
  }
  return page;
}

// Counting matches before the cursor too: `total` is over all pages.
template <class Rows>
Result<ScannedPage> scan_filtered(Rows& rows, const ListScan& scan) {
  ScannedPage page;
  std::size_t skipped = 0;
  for (bool at = rows.start({}); at; at = rows.next()) {
    auto summary = decode_name_summary(rows.value());
    if (!summary) return corrupt_index();
    std::string_view key = rows.key();
    if (!scan.filter.matches(key, *summary)) continue;
    ++page.total;
    if (scan.after && key <= scan.after->folded_name) continue;
    if (skipped < scan.offset) {
      ++skipped;
      continue;
    }
    if (page.ids.size() < scan.limit) {
      page.ids.emplace_back(summary->id);
      page.last.folded_name = key;
    } else {
      page.more = true;
    }
  }
  return page;
}

struct SortedRow {
  std::string key;
  std::string name;  // folded
  std::string id;
};

// The list order: by key (either way), ties by name ascending so pages never overlap.
struct RowOrder {
  bool descending;
  bool operator()(const SortedRow& a, const SortedRow& b) const {
    if (a.key != b.key) return descending ? a.key > b.key : a.key < b.key;
    return a.name < b.name;
  }
};

template <class Rows>
Result<ScannedPage> scan_sorted(Rows& source, const ListScan& scan) {
  std::vector<SortedRow> rows;
  for (bool at = source.start({}); at; at = source.next()) {
    auto summary = decode_name_summary(source.value());
    if (!summary) return corrupt_index();
    const std::string_view key = source.key();
    if (!scan.filter.matches(key, *summary)) continue;
    rows.push_back(
        {sort_key(scan.order.field, key, *summary), std::string(key), std::string(summary->id)});
  }
  const RowOrder order{scan.order.descending};
  std::sort(rows.begin(), rows.end(), order);
  auto first = rows.begin();
  if (scan.after) {
    first = std::upper_bound(rows.begin(), rows.end(),
                             SortedRow{scan.after->sort_key, scan.after->folded_name, {}}, order);
  }
  first += static_cast<std::ptrdiff_t>(
      std::min(scan.offset, static_cast<std::size_t>(rows.end() - first)));
  ScannedPage page;
  page.total = rows.size();
  const auto available = static_cast<std::size_t>(rows.end() - first);
  const auto end = first + static_cast<std::ptrdiff_t>(std::min(scan.limit, available));
  for (auto it = first; it != end; ++it) page.ids.push_back(it->id);
  page.more = end != rows.end();
  if (end != first) {
    const SortedRow& last = *(end - 1);
    page.last = ListPosition{scan.order.spec(), last.key, last.name};
  }
  return page;
}

template <class Rows>
Result<ScannedPage> scan_rows(Rows& rows, const ListScan& scan) {
  return !scan.order.is_index_order() ? scan_sorted(rows, scan)
         : scan.known_total           ? scan_to_page_end(rows, scan)
                                      : scan_filtered(rows, scan);
}

}  // namespace

Result<ScannedPage> scan_names(Txn& txn, MDB_dbi names, const ListScan& scan) {
  LmdbRows rows(txn, names);
  Result<ScannedPage> page = scan_rows(rows, scan);
  if (txn.failure() != 0) return lmdb_problem(txn.failure(), "reading the name index");
  return page;
}

Result<ScannedPage> scan_names(const NameRows& names, const ListScan& scan) {
  MemoryRows rows(names, scan.filter.needle);
  return scan_rows(rows, scan);
}

}  // namespace datahub::backend
