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

// From the cursor on, only as far as the match after the page: the total is known.
Result<ScannedPage> scan_to_page_end(Txn& txn, MDB_dbi names, const ListScan& scan) {
  ScannedPage page;
  page.total = *scan.known_total;
  if (page.total == 0) return page;
  Cursor cursor(txn, names);
  int rc = start_after(cursor, scan.after ? scan.after->folded_name : std::string());
  for (; rc == 0; rc = cursor.step(MDB_NEXT)) {
    auto summary = decode_name_summary(cursor.value());
    if (!summary) return corrupt_index();
    if (!scan.filter.matches(cursor.key(), *summary)) continue;
    if (page.ids.size() == scan.limit) {
      page.more = true;
      break;
    }
    page.ids.emplace_back(summary->id);
    page.last.folded_name = cursor.key();
  }
  return page;
}

// Counting matches before the cursor too: `total` is over all pages.
Result<ScannedPage> scan_filtered(Txn& txn, MDB_dbi names, const ListScan& scan) {
  ScannedPage page;
  Cursor cursor(txn, names);
  for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
    auto summary = decode_name_summary(cursor.value());
    if (!summary) return corrupt_index();
    std::string_view key = cursor.key();
    if (!scan.filter.matches(key, *summary)) continue;
    ++page.total;
    if (scan.after && key <= scan.after->folded_name) continue;
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

Result<ScannedPage> scan_sorted(Txn& txn, MDB_dbi names, const ListScan& scan) {
  std::vector<SortedRow> rows;
  Cursor cursor(txn, names);
  for (int rc = cursor.step(MDB_FIRST); rc == 0; rc = cursor.step(MDB_NEXT)) {
    auto summary = decode_name_summary(cursor.value());
    if (!summary) return corrupt_index();
    const std::string_view key = cursor.key();
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

}  // namespace

Result<ScannedPage> scan_names(Txn& txn, MDB_dbi names, const ListScan& scan) {
  Result<ScannedPage> page = !scan.order.is_index_order() ? scan_sorted(txn, names, scan)
                             : scan.known_total           ? scan_to_page_end(txn, names, scan)
                                                          : scan_filtered(txn, names, scan);
  if (txn.failure() != 0) return lmdb_problem(txn.failure(), "reading the name index");
  return page;
}

}  // namespace datahub::backend
