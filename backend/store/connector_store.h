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
#include "datahub/connector_health.h"
#include "datahub/history_entry.h"
#include "datahub/list_query.h"
#include "datahub/result.h"

namespace datahub::backend {

// HistoryEntry (one line of a connector's history) and ListQuery (GET /api/connectors's query)
// are the shared types of datahub/history_entry.h and datahub/list_query.h.

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

  // True when other servers change the store too (PostgreSQL): a connector cached in memory
  // is then confirmed by version() before use, since their news may arrive late.
  virtual bool shared() const { return false; }
  // The connector's current version; NotFound when there is no such connector.
  virtual Result<std::int64_t> version(std::string_view id) {
    auto c = get(id);
    if (!c) return c.problem();
    return c->version;
  }

  // The connector's health as last stored; unknown when none was (or for no such connector).
  virtual Result<ConnectorHealth> health(std::string_view id) = 0;
  // Stores the connector's health beside its record (the record, its version and history stay
  // as they are), and the state in the name index for list filters and sorts. NotFound when
  // the connector is gone (a deletion removes its health).
  virtual Result<bool> put_health(std::string_view id, const ConnectorHealth& health) = 0;
  // put_health for many connectors in one transaction (one disk sync). Returns the ids that are
  // gone (nothing was written for them); any other failure writes nothing.
  using HealthBatch = std::vector<std::pair<std::string, ConnectorHealth>>;
  virtual Result<std::vector<std::string>> put_healths(const HealthBatch& batch) = 0;
};

}  // namespace datahub::backend
