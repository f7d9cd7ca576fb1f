#include "list_scan.h"

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

Result<ScannedPage> scan_unfiltered(Txn& txn, MDB_dbi names, const ListScan& scan) {
  ScannedPage page;
  page.total = txn.entries(names);
  Cursor cursor(txn, names);
  int rc = start_after(cursor, scan.after);
  for (; rc == 0 && page.ids.size() < scan.limit; rc = cursor.step(MDB_NEXT)) {
    auto summary = decode_name_summary(cursor.value());
    if (!summary) return corrupt_index();
    page.ids.emplace_back(summary->id);
    page.last_key = cursor.key();
  }
  page.more = rc == 0;
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
    if (!scan.after.empty() && key <= scan.after) continue;
    if (page.ids.size() < scan.limit) {
      page.ids.emplace_back(summary->id);
      page.last_key = key;
    } else {
      page.more = true;
    }
  }
  return page;
}

}  // namespace

Result<ScannedPage> scan_names(Txn& txn, MDB_dbi names, const ListScan& scan) {
  auto page =
      scan.filter.empty() ? scan_unfiltered(txn, names, scan) : scan_filtered(txn, names, scan);
  if (txn.failure() != 0) return lmdb_problem(txn.failure(), "reading the name index");
  return page;
}

}  // namespace datahub::backend
