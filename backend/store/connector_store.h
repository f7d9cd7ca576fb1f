// The store interface: where connectors, their name index and their history live.
// LMDB is the embedded default (lmdb_connector_store.h); another engine can take its place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/connector.h"
#include "datahub/result.h"

namespace datahub::backend {

// One line of a connector's history (GET /api/connectors/{id}/history).
struct HistoryEntry {
  std::string at;      // RFC 3339 UTC
  std::string action;  // created, updated, activated, disabled, deleted, tested
  std::int64_t version = 0;
  nlohmann::json changes = nlohmann::json::array();  // [{"field","from","to"}], no secrets
};

struct ListQuery {
  std::string q;                          // substring of name or base_url, case-insensitive
  std::optional<ConnectorStatus> status;  // filter, when set
  std::size_t limit = 50;                 // 1..500
  std::string cursor;                     // opaque, from a previous page's next_cursor
  // Matches to skip (after the cursor, if any): a table scrolled far loads the page under it
  // with one request instead of every page before it.
  std::size_t offset = 0;
  // "" or "name" (the index order), else one of type, base_url, status, updated_at, any of them
  // with a leading "-" for descending; ties go by name (docs/API.md, "List parameters").
  std::string sort;
};

struct ListPage {
  std::vector<Connector> items;            // ordered by name, case-insensitively
  std::optional<std::string> next_cursor;  // absent on the last page
  std::size_t total = 0;                   // matches over all pages
};

// A change computed from the current record inside the store's write transaction.
struct Change {
  Connector next;      // the whole new record (plaintext secrets in WriteOnly::value)
  HistoryEntry entry;  // appended in the same transaction
  // The mutation found nothing to do (e.g. "activate" on an active connector): the store writes
  // nothing and returns the current record. Decided inside the transaction, so two concurrent
  // callers cannot both see "not yet" and write twice.
  bool unchanged = false;
};
// Returns the change to write, or a Problem to abort (nothing is written then).
using Mutation = std::function<Result<Change>(const Connector& current)>;
// Returns a Problem to refuse a deletion (e.g. a stale If-Match), or nothing to go on.
using DeleteCheck = std::function<std::optional<Problem>(const Connector& current)>;

// Every method is safe to call from many threads. Every change is one atomic transaction:
// a crash leaves the whole change or none of it. Connectors come back with their secrets in
// plaintext (WriteOnly::value set, is_set true); only the store sees them encrypted.
class ConnectorStore {
 public:
  virtual ~ConnectorStore() = default;

  // NotFound when there is no such connector.
  virtual Result<Connector> get(std::string_view id) = 0;
  // Writes a new record, its name index entry and `entry`. NameTaken (409, field "name") when
  // the case-folded name is already used.
  virtual Result<Connector> create(const Connector& c, const HistoryEntry& entry) = 0;
  // Reads the current record, calls `mutation`, and writes its result with the name index and
  // the history entry, all in one write transaction. NotFound, NameTaken or the mutation's
  // own Problem leave everything as it was. `mutation` may run more than once (the LMDB store
  // runs the transaction again after growing its map): it must have no effects of its own.
  virtual Result<Connector> update(std::string_view id, const Mutation& mutation) = 0;
  // Removes the record, its secrets and its name index entry, and appends `entry` to the
  // history (which outlives the record), stamped with the removed record's version (read in
  // the same transaction). Returns the removed record.
  virtual Result<Connector> remove(std::string_view id, const DeleteCheck& check,
                                   const HistoryEntry& entry) = 0;
  // Appends to the history without changing the record (the `tested` action).
  virtual Result<bool> append_history(std::string_view id, const HistoryEntry& entry) = 0;
  // Newest first; empty for an id that never existed. A read failure is a Problem (500), never
  // an empty history.
  virtual Result<std::vector<HistoryEntry>> history(std::string_view id) = 0;
  // BadRequest (field "cursor") for a cursor that this store did not make.
  virtual Result<ListPage> list(const ListQuery& query) = 0;
  // How many connectors exist.
  virtual std::size_t count() = 0;
};

}  // namespace datahub::backend
