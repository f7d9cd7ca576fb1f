#include "pg_connector_store.h"

#include <algorithm>

#include "connector_id.h"
#include "connector_store_common.h"
#include "datahub/text.h"
#include "history_codec.h"
#include "list_cursor.h"
#include "list_request.h"
#include "name_index.h"
#include "pg_list_query.h"
#include "pg_migrations.h"
#include "record_codec.h"

namespace datahub::backend {

namespace {

constexpr const char* kNameIndex = "connectors_name_unique";

using store_common::kKeyCheckKey;
using store_common::kKeyCheckText;
using store_common::name_taken;
using store_common::not_found;

const char* status_text(const Connector& c) {
  return c.status == ConnectorStatus::Active ? "active" : "disabled";
}

std::optional<ConnectorHealth> decode_health(std::string_view bytes) {
  auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  auto health = connector_health_from_json(doc);
  if (!health) return std::nullopt;
  return std::move(*health);
}

}  // namespace

// [SECTION] Opening

Result<std::unique_ptr<PgConnectorStore>> PgConnectorStore::open(const PgStoreOptions& options) {
  auto box = SecretBox::open(options.data_dir, options.secret_key_file);
  if (!box) return box.problem();
  std::unique_ptr<PgConnectorStore> store(new PgConnectorStore(options, std::move(*box)));
  // Not from the pool: its problems are the caller's, and at start they need libpq's reason.
  auto conn = PgConnection::connect(options.conninfo);
  if (!conn) return conn.problem();
  auto migrated = migrate_pg_schema(**conn, [&](PgConnection& c) { return store->check_key(c); });
  if (!migrated) return migrated.problem();
  return store;
}

PgConnectorStore::PgConnectorStore(const PgStoreOptions& options, std::unique_ptr<SecretBox> box)
    : m_conninfo(options.conninfo),
      m_pool(options.conninfo, options.pool_size),
      m_box(std::move(box)) {}

std::unique_ptr<PgListener> PgConnectorStore::listen(PgListener::Handlers handlers) {
  auto missed = std::move(handlers.missed);
  handlers.missed = [this, missed = std::move(missed)] {
    m_pool.drop_idle();
    missed();
  };
  return std::make_unique<PgListener>(m_conninfo, std::move(handlers));
}

// A sealed constant in meta: a server with another key refuses to start, rather than failing
// at the first secret it reads (and every server of one store must share the key file).
Result<bool> PgConnectorStore::check_key(PgConnection& conn) {
  const std::string ad = SecretBox::associated_data("meta", kKeyCheckKey);
  auto stored = conn.exec("SELECT value FROM datahub_meta WHERE key = $1", {kKeyCheckKey});
  if (!stored.ok()) return stored.problem("reading the key check");
  if (stored.rows() == 0) {
    auto put = conn.exec("INSERT INTO datahub_meta (key, value) VALUES ($1, $2)",
                         {kKeyCheckKey, m_box->seal(kKeyCheckText, ad)});
    if (!put.ok()) return put.problem("writing the key check");
    return true;
  }
  if (m_box->unseal(stored.text(0, 0), ad)) return true;
  return make_problem(ProblemType::Internal,
                      "store: the secret key is not the key the data in the PostgreSQL database "
                      "was encrypted with (every server of one store needs the same key file: "
                      "check DATAHUB_SECRET_KEY_FILE or secret.key)");
}

// [SECTION] Steps inside a transaction

// `lock`: "" to read, " FOR UPDATE" to change the row, " FOR SHARE" to keep it while adding
// history.
Result<Connector> PgConnectorStore::load(PgConnection& conn, std::string_view id,
                                         const char* lock) {
  if (!is_valid_connector_id(id)) return not_found(id.substr(0, kMaxConnectorIdLength));
  auto row = conn.exec(std::string("SELECT record FROM connectors WHERE id = $1") + lock,
                       {std::string(id)});
  if (!row.ok()) return row.problem("reading a record");
  if (row.rows() == 0) return not_found(id);
  return decode_record(row.text(0, 0), *m_box);
}

// Inserts `next` (no expected version) or updates the row still at `expected_version`.
// Returns the record as a later get() will (decoded from what was written).
Result<Connector> PgConnectorStore::write_row(PgConnection& conn, const Connector& next,
                                              std::optional<std::int64_t> expected_version) {
  auto bytes = encode_record(next, *m_box);
  if (!bytes) return bytes.problem();
  std::vector<std::string> params = {next.id,
                                     fold_name(next.name),
                                     status_text(next),
                                     to_lower_ascii(next.base_url),
                                     next.updated_at,
                                     std::to_string(next.version),
                                     *bytes};
  std::string sql;
  if (expected_version) {
    params.push_back(std::to_string(*expected_version));
    sql =
        "UPDATE connectors SET folded_name = $2, status = $3, base_url_lower = $4, "
        "updated_at = $5, version = $6, record = $7 WHERE id = $1 AND version = $8";
  } else {
    sql =
        "INSERT INTO connectors (id, folded_name, status, base_url_lower, updated_at, version, "
        "record) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  }
  auto written = conn.exec(sql, params);
  if (!written.ok()) {
    if (written.sqlstate() == kUniqueViolation && written.constraint() == kNameIndex) {
      return name_taken(next);
    }
    if (written.sqlstate() == kUniqueViolation) {
      return make_problem(ProblemType::Internal, "store: connector id " + next.id + " is in use");
    }
    return written.problem("writing a record");
  }
  if (written.affected() != 1) {
    // The row is locked FOR UPDATE before the mutation reads it: only a bug gets here.
    return make_problem(ProblemType::PreconditionFailed,
                        "connector " + next.id + " was changed by another request meanwhile");
  }
  return decode_record(*bytes, *m_box);
}

Result<bool> PgConnectorStore::append(PgConnection& conn, std::string_view id,
                                      const HistoryEntry& entry) {
  auto added = conn.exec("INSERT INTO connector_history (connector_id, entry) VALUES ($1, $2)",
                         {std::string(id), encode_history_entry(entry)});
  if (!added.ok()) return added.problem("writing history");
  return true;
}

// Sent when the transaction commits (and not at all when it rolls back).
Result<bool> PgConnectorStore::notify(PgConnection& conn, std::string_view id) {
  auto sent =
      conn.exec("SELECT pg_notify($1, $2)", {std::string(kConnectorChannel), std::string(id)});
  if (!sent.ok()) return sent.problem("notifying a change");
  return true;
}

// [SECTION] ConnectorStore

Result<Connector> PgConnectorStore::get(std::string_view id) {
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  return load(**lease, id, "");
}

Result<std::int64_t> PgConnectorStore::version(std::string_view id) {
  if (!is_valid_connector_id(id)) return not_found(id.substr(0, kMaxConnectorIdLength));
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto row = (*lease)->exec("SELECT version FROM connectors WHERE id = $1", {std::string(id)});
  if (!row.ok()) return row.problem("reading a version");
  if (row.rows() == 0) return not_found(id);
  return std::stoll(row.text(0, 0));
}

Result<Connector> PgConnectorStore::create(const Connector& c, const HistoryEntry& entry) {
  if (!is_valid_connector_id(c.id)) {
    return make_problem(ProblemType::Internal, "store: a new connector needs a URL-safe id");
  }
  return m_pool.transaction<Connector>([&](PgConnection& conn) -> Result<Connector> {
    auto written = write_row(conn, c, std::nullopt);
    if (!written) return written;
    if (auto appended = append(conn, c.id, entry); !appended) return appended.problem();
    if (auto sent = notify(conn, c.id); !sent) return sent.problem();
    return written;
  });
}

Result<Connector> PgConnectorStore::update(std::string_view id, const Mutation& mutation) {
  return m_pool.transaction<Connector>([&](PgConnection& conn) -> Result<Connector> {
    auto current = load(conn, id, " FOR UPDATE");
    if (!current) return current;
    auto change = mutation(*current);
    if (!change) return change.problem();
    if (change->unchanged) return current;
    change->next.id = current->id;  // ids are immutable whatever the mutation did
    auto written = write_row(conn, change->next, current->version);
    if (!written) return written;
    if (auto appended = append(conn, current->id, change->entry); !appended) {
      return appended.problem();
    }
    if (auto sent = notify(conn, current->id); !sent) return sent.problem();
    return written;
  });
}

Result<Connector> PgConnectorStore::remove(std::string_view id, const DeleteCheck& check,
                                           const HistoryEntry& entry) {
  return m_pool.transaction<Connector>([&](PgConnection& conn) -> Result<Connector> {
    auto current = load(conn, id, " FOR UPDATE");
    if (!current) return current;
    if (check) {
      if (auto refused = check(*current)) return *refused;
    }
    // Its health goes with it (ON DELETE CASCADE); its history stays.
    auto deleted = conn.exec("DELETE FROM connectors WHERE id = $1", {std::string(id)});
    if (!deleted.ok()) return deleted.problem("deleting a record");
    HistoryEntry last = entry;
    last.version = current->version;
    if (auto appended = append(conn, id, last); !appended) return appended.problem();
    if (auto sent = notify(conn, id); !sent) return sent.problem();
    return current;
  });
}

Result<bool> PgConnectorStore::append_history(std::string_view id, const HistoryEntry& entry) {
  if (!is_valid_connector_id(id)) return not_found(id.substr(0, kMaxConnectorIdLength));
  return m_pool.transaction<bool>([&](PgConnection& conn) -> Result<bool> {
    // FOR SHARE: a concurrent delete waits, so no entry lands after the "deleted" one.
    auto row = conn.exec("SELECT 1 FROM connectors WHERE id = $1 FOR SHARE", {std::string(id)});
    if (!row.ok()) return row.problem("reading a record");
    if (row.rows() == 0) return not_found(id);
    return append(conn, id, entry);
  });
}

Result<std::vector<HistoryEntry>> PgConnectorStore::history(std::string_view id) {
  if (!is_valid_connector_id(id)) return std::vector<HistoryEntry>{};
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto rows = (*lease)->exec(
      "SELECT entry FROM connector_history WHERE connector_id = $1 ORDER BY seq DESC",
      {std::string(id)});
  if (!rows.ok()) return rows.problem("reading history");
  std::vector<HistoryEntry> out;
  for (int i = 0; i < rows.rows(); ++i) {
    if (auto e = decode_history_entry(rows.text(i, 0))) out.push_back(std::move(*e));
  }
  return out;
}

Result<ListPage> PgConnectorStore::list(const ListQuery& query) {
  auto scan = to_list_scan(query);
  if (!scan) return scan.problem();
  // One snapshot for the total and the page.
  return m_pool.transaction<ListPage>(
      [&](PgConnection& conn) -> Result<ListPage> {
        const PgStatement count = pg_list_count(*scan);
        auto counted = conn.exec(count.sql, count.params);
        if (!counted.ok()) return counted.problem("counting a list");
        const PgStatement page_query = pg_list_page(*scan);
        auto rows = conn.exec(page_query.sql, page_query.params);
        if (!rows.ok()) return rows.problem("reading a list");
        ListPage page;
        page.total = std::stoull(counted.text(0, 0));
        const int shown = std::min(rows.rows(), static_cast<int>(scan->limit));
        for (int i = 0; i < shown; ++i) {
          auto c = decode_record(rows.text(i, 0), *m_box);
          if (!c) return c.problem();
          page.items.push_back(std::move(*c));
        }
        if (rows.rows() > shown && shown > 0) {
          const std::string spec = scan->order.is_index_order() ? "" : scan->order.spec();
          const std::string key = spec.empty() ? "" : rows.text(shown - 1, 2);
          page.next_cursor = encode_list_cursor({spec, key, rows.text(shown - 1, 1)});
        }
        return page;
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

std::size_t PgConnectorStore::count() {
  auto lease = m_pool.acquire();
  if (!lease) return 0;
  auto n = (*lease)->exec("SELECT count(*) FROM connectors");
  return n.ok() ? std::stoull(n.text(0, 0)) : 0;
}

std::size_t PgConnectorStore::used_bytes() {
  auto lease = m_pool.acquire();
  if (!lease) return 0;
  auto n = (*lease)->exec("SELECT pg_database_size(current_database())");
  return n.ok() ? std::stoull(n.text(0, 0)) : 0;
}

// [SECTION] Health

Result<ConnectorHealth> PgConnectorStore::health(std::string_view id) {
  if (!is_valid_connector_id(id)) return ConnectorHealth{};
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto row = (*lease)->exec("SELECT health FROM connector_health WHERE id = $1", {std::string(id)});
  if (!row.ok()) return row.problem("reading health");
  if (row.rows() == 0) return ConnectorHealth{};
  auto health = decode_health(row.text(0, 0));
  if (!health)
    return make_problem(ProblemType::Internal, "store: unreadable health of " + std::string(id));
  return std::move(*health);
}

Result<bool> PgConnectorStore::put_health(std::string_view id, const ConnectorHealth& health) {
  auto gone = put_healths({{std::string(id), health}});
  if (!gone) return gone.problem();
  if (!gone->empty()) return not_found(id);
  return true;
}

Result<std::vector<std::string>> PgConnectorStore::put_healths(const HealthBatch& batch) {
  // Rows locked in id order: two batches at once never wait for each other in a circle.
  std::vector<const HealthBatch::value_type*> sorted;
  for (const auto& item : batch) sorted.push_back(&item);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  return m_pool.transaction<std::vector<std::string>>(
      [&](PgConnection& conn) -> Result<std::vector<std::string>> {
        std::vector<std::string> gone;
        for (const auto* item : sorted) {
          const auto& [id, health] = *item;
          if (!is_valid_connector_id(id)) {
            gone.push_back(id);
            continue;
          }
          auto marked = conn.exec("UPDATE connectors SET health_key = $2 WHERE id = $1",
                                  {id, health_sort_key(health.state)});
          if (!marked.ok()) return marked.problem("writing health");
          if (marked.affected() == 0) {
            gone.push_back(id);
            continue;
          }
          auto stored = conn.exec(
              "INSERT INTO connector_health (id, health) VALUES ($1, $2) "
              "ON CONFLICT (id) DO UPDATE SET health = EXCLUDED.health",
              {id, to_json(health).dump()});
          if (!stored.ok()) return stored.problem("writing health");
          if (auto sent = notify(conn, std::string(kHealthPrefix) + id); !sent)
            return sent.problem();
        }
        return gone;
      });
}

// [SECTION] MetaStore

std::optional<std::string> PgConnectorStore::get_meta(std::string_view key) {
  auto lease = m_pool.acquire();
  if (!lease) return std::nullopt;
  auto row = (*lease)->exec("SELECT value FROM datahub_meta WHERE key = $1", {std::string(key)});
  if (!row.ok() || row.rows() == 0) return std::nullopt;
  return row.text(0, 0);
}

Result<bool> PgConnectorStore::put_meta(std::string_view key, std::string_view value) {
  if (key.empty() || key == kKeyCheckKey || key == "schema_version") {
    return make_problem(ProblemType::BadRequest, "key is empty or reserved by the store",
                        {{"key", "is empty or reserved by the store"}});
  }
  auto lease = m_pool.acquire();
  if (!lease) return lease.problem();
  auto put = (*lease)->exec(
      "INSERT INTO datahub_meta (key, value) VALUES ($1, $2) "
      "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
      {std::string(key), std::string(value)});
  if (!put.ok()) return put.problem("put_meta");
  return true;
}

}  // namespace datahub::backend
