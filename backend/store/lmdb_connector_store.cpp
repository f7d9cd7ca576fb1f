#include "lmdb_connector_store.h"

#include "connector_id.h"
#include "connector_store_common.h"
#include "datahub/text.h"
#include "history_codec.h"
#include "list_cursor.h"
#include "list_request.h"
#include "name_index.h"
#include "name_table.h"
#include "record_codec.h"
#include "status_count.h"

namespace datahub::backend {

namespace {

constexpr const char* kSchemaKey = "schema_version";

using store_common::kKeyCheckKey;
using store_common::kKeyCheckText;
using store_common::name_taken;
using store_common::not_found;

Problem bad_request(const char* field, const std::string& message) {
  return make_problem(ProblemType::BadRequest, std::string(field) + " " + message,
                      {{field, message}});
}

std::optional<ConnectorHealth> decode_health(std::string_view bytes) {
  auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  auto health = connector_health_from_json(doc);
  if (!health) return std::nullopt;
  return std::move(*health);
}

}  // namespace

// [SECTION] Opening

Result<std::unique_ptr<LmdbConnectorStore>> LmdbConnectorStore::open(
    const LmdbStoreOptions& options) {
  LmdbEnvOptions env_options;
  env_options.dir = options.data_dir;
  env_options.initial_map_size = options.initial_map_size;
  env_options.max_map_size = options.max_map_size;
  env_options.max_readers = options.max_readers;
  env_options.sync = options.sync;
  auto env = LmdbEnv::open(env_options);
  if (!env) return env.problem();
  auto box = SecretBox::open(options.data_dir, options.secret_key_file);
  if (!box) return box.problem();
  Dbs dbs;
  for (auto [name, dbi] : {std::pair{"records", &dbs.records}, std::pair{"names", &dbs.names},
                           std::pair{"history", &dbs.history}, std::pair{"meta", &dbs.meta},
                           std::pair{"health", &dbs.health}}) {
    auto opened = (*env)->open_db(name);
    if (!opened) return opened.problem();
    *dbi = *opened;
  }
  std::unique_ptr<LmdbConnectorStore> store(
      new LmdbConnectorStore(std::move(*env), std::move(*box), dbs));
  if (auto ok = store->check_schema(); !ok) return ok.problem();
  if (auto ok = store->check_key(); !ok) return ok.problem();
  if (options.name_copy) {
    if (auto ok = store->copy_names(); !ok) return ok.problem();
  }
  return store;
}

Result<std::unique_ptr<LmdbConnectorStore>> LmdbConnectorStore::open(
    const std::filesystem::path& data_dir, const std::filesystem::path& secret_key_file) {
  LmdbStoreOptions options;
  options.data_dir = data_dir;
  options.secret_key_file = secret_key_file;
  return open(options);
}

LmdbConnectorStore::LmdbConnectorStore(std::unique_ptr<LmdbEnv> env, std::unique_ptr<SecretBox> box,
                                       Dbs dbs)
    : m_env(std::move(env)), m_box(std::move(box)), m_dbs(dbs) {}

// A new directory gets the current version; version 1 is upgraded (its active count made once);
// a newer one is refused so that an older server never rewrites data it does not understand
// (nor writes without keeping the count).
Result<bool> LmdbConnectorStore::check_schema() {
  return m_env->write<bool>([&](Txn& txn) -> Result<bool> {
    const std::string current = std::to_string(kStoreSchemaVersion);
    std::string_view stored;
    if (txn.get(m_dbs.meta, kSchemaKey, stored) == MDB_NOTFOUND) {
      txn.put(m_dbs.meta, kSchemaKey, current);
      return recount_active(txn, m_dbs.names, m_dbs.meta);
    }
    if (stored == "1") {
      if (auto counted = recount_active(txn, m_dbs.names, m_dbs.meta); !counted) return counted;
      txn.put(m_dbs.meta, kSchemaKey, current);
      return true;
    }
    if (stored == current) return true;
    return make_problem(ProblemType::Internal,
                        "store: " + m_env->dir().string() + " has schema version " +
                            std::string(stored) + "; this server reads version " +
                            std::to_string(kStoreSchemaVersion) + " only (use a newer server)");
  });
}

// A sealed constant in meta: a wrong key then fails at start, not at the first secret read.
Result<bool> LmdbConnectorStore::check_key() {
  std::string ad = SecretBox::associated_data("meta", kKeyCheckKey);
  return m_env->write<bool>([&](Txn& txn) -> Result<bool> {
    std::string_view sealed;
    if (txn.get(m_dbs.meta, kKeyCheckKey, sealed) == MDB_NOTFOUND) {
      txn.put(m_dbs.meta, kKeyCheckKey, m_box->seal(kKeyCheckText, ad));
      return true;
    }
    if (m_box->unseal(sealed, ad)) return true;
    return make_problem(ProblemType::Internal,
                        "store: the secret key is not the key the data in " +
                            m_env->dir().string() +
                            " was encrypted with (check DATAHUB_SECRET_KEY_FILE or secret.key)");
  });
}

Result<bool> LmdbConnectorStore::copy_names() {
  return m_env->read<bool>(
      [&](Txn& txn) { return m_names_copy.rebuild(txn, m_dbs.names, m_dbs.meta); });
}

Result<Connector> LmdbConnectorStore::write_names(
    const std::function<Result<Connector>(Txn&)>& step) {
  std::lock_guard order(m_names_write);
  std::uint64_t generation = 0;
  auto written = m_env->write<Connector>([&](Txn& txn) -> Result<Connector> {
    m_name_changes.clear();  // the step runs again after the map grows
    auto out = step(txn);
    if (!out || m_name_changes.empty()) return out;
    auto bumped = bump_names_generation(txn, m_dbs.meta);
    if (!bumped) return bumped.problem();
    generation = *bumped;
    return out;
  });
  if (written && !m_name_changes.empty()) m_names_copy.apply(m_name_changes, generation);
  return written;
}

// [SECTION] Steps inside a transaction

Result<Connector> LmdbConnectorStore::load(Txn& txn, std::string_view id) {
  if (!is_valid_connector_id(id)) return not_found(id.substr(0, kMaxConnectorIdLength));
  std::string_view bytes;
  int rc = txn.get(m_dbs.records, id, bytes);
  if (rc == MDB_NOTFOUND) return not_found(id);
  if (rc != 0) return lmdb_problem(rc, "reading a record");
  return decode_record(bytes, *m_box);
}

// Returns the record as a later get() will (decoded from what was written).
Result<Connector> LmdbConnectorStore::store_record(Txn& txn, const Connector& c) {
  auto bytes = encode_record(c, *m_box);
  if (!bytes) return bytes.problem();
  if (int rc = txn.put(m_dbs.records, c.id, *bytes); rc != 0) {
    return lmdb_problem(rc, "writing a record");
  }
  return decode_record(*bytes, *m_box);
}

// The state the name index keeps for `id` (unknown when no health is stored).
HealthState LmdbConnectorStore::health_state(Txn& txn, std::string_view id) {
  std::string_view bytes;
  if (txn.get(m_dbs.health, id, bytes) != 0) return HealthState::Unknown;
  auto health = decode_health(bytes);
  return health ? health->state : HealthState::Unknown;
}

// Points the name index at `c`, unless another connector holds the folded name.
Result<bool> LmdbConnectorStore::claim_name(Txn& txn, const Connector& c) {
  std::string key = name_key(c);
  std::string_view held;
  int rc = txn.get(m_dbs.names, key, held);
  if (rc == 0) {
    auto summary = decode_name_summary(held);
    if (!summary || summary->id != c.id) return name_taken(c);
  } else if (rc != MDB_NOTFOUND) {
    return lmdb_problem(rc, "reading the name index");
  }
  std::string summary = encode_name_summary(c, health_state(txn, c.id));
  if (int put = txn.put(m_dbs.names, key, summary); put != 0) {
    return lmdb_problem(put, "writing the name index");
  }
  m_name_changes.put(std::move(key), std::move(summary));
  return true;
}

void LmdbConnectorStore::drop_name(Txn& txn, const std::string& key) {
  txn.del(m_dbs.names, key);
  m_name_changes.del(key);
}

// The next sequence is one past the id's newest entry.
Result<bool> LmdbConnectorStore::append(Txn& txn, std::string_view id, const HistoryEntry& entry) {
  std::uint64_t next = 1;
  {
    Cursor cursor(txn, m_dbs.history);
    int rc = cursor.seek(history_range_end(id));
    rc = rc == 0 ? cursor.step(MDB_PREV) : cursor.step(MDB_LAST);
    if (rc == 0) {
      if (auto last = history_sequence(cursor.key(), id)) next = *last + 1;
    }
  }
  if (int rc = txn.put(m_dbs.history, history_key(id, next), encode_history_entry(entry));
      rc != 0) {
    return lmdb_problem(rc, "writing history");
  }
  return true;
}

Result<Connector> LmdbConnectorStore::apply_change(Txn& txn, const Connector& current,
                                                   Change change) {
  Connector& next = change.next;
  next.id = current.id;  // ids are immutable whatever the mutation did
  if (auto claimed = claim_name(txn, next); !claimed) return claimed.problem();
  std::string old_key = name_key(current);
  if (old_key != name_key(next)) drop_name(txn, old_key);
  if (auto ok = add_active(txn, m_dbs.meta, is_active(next) - is_active(current)); !ok)
    return ok.problem();
  auto written = store_record(txn, next);
  if (!written) return written;
  if (auto appended = append(txn, current.id, change.entry); !appended) {
    return appended.problem();
  }
  return written;
}

Result<ListPage> LmdbConnectorStore::load_page(Txn& txn, ListScan scan) {
  // In index order, unfiltered or filtered by status alone: the total is known without a scan.
  if (scan.filter.needle.empty() && !scan.filter.health && !scan.filter.ids &&
      scan.order.is_index_order()) {
    const std::size_t all = txn.entries(m_dbs.names);
    const std::size_t active = std::min(read_active_count(txn, m_dbs.meta), all);
    scan.known_total = !scan.filter.status                              ? all
                       : *scan.filter.status == ConnectorStatus::Active ? active
                                                                        : all - active;
  }
  // The in-memory copy when it holds this snapshot's generation; else LMDB (same scan, same page).
  std::optional<Result<ScannedPage>> copied;
  m_names_copy.read_at(read_names_generation(txn, m_dbs.meta),
                       [&](const NameRows& rows) { copied.emplace(scan_names(rows, scan)); });
  auto scanned = copied ? std::move(*copied) : scan_names(txn, m_dbs.names, scan);
  if (!scanned) return scanned.problem();
  ListPage page;
  page.total = scanned->total;
  page.items.reserve(scanned->ids.size());
  for (const std::string& id : scanned->ids) {
    auto c = load(txn, id);
    if (!c) return c.problem();
    page.items.push_back(std::move(*c));
  }
  if (scanned->more) page.next_cursor = encode_list_cursor(scanned->last);
  return page;
}

// [SECTION] ConnectorStore

Result<Connector> LmdbConnectorStore::get(std::string_view id) {
  return m_env->read<Connector>([&](Txn& txn) { return load(txn, id); });
}

Result<Connector> LmdbConnectorStore::create(const Connector& c, const HistoryEntry& entry) {
  if (!is_valid_connector_id(c.id)) {
    return make_problem(ProblemType::Internal, "store: a new connector needs a URL-safe id");
  }
  return write_names([&](Txn& txn) -> Result<Connector> {
    std::string_view existing;
    if (txn.get(m_dbs.records, c.id, existing) == 0) {
      return make_problem(ProblemType::Internal, "store: connector id " + c.id + " is in use");
    }
    if (auto claimed = claim_name(txn, c); !claimed) return claimed.problem();
    if (auto ok = add_active(txn, m_dbs.meta, is_active(c)); !ok) return ok.problem();
    auto written = store_record(txn, c);
    if (!written) return written;
    if (auto appended = append(txn, c.id, entry); !appended) return appended.problem();
    return written;
  });
}

Result<Connector> LmdbConnectorStore::update(std::string_view id, const Mutation& mutation) {
  return write_names([&](Txn& txn) -> Result<Connector> {
    auto current = load(txn, id);
    if (!current) return current;
    auto change = mutation(*current);
    if (!change) return change.problem();
    if (change->unchanged) return current;
    return apply_change(txn, *current, std::move(*change));
  });
}

Result<Connector> LmdbConnectorStore::remove(std::string_view id, const DeleteCheck& check,
                                             const HistoryEntry& entry) {
  return write_names([&](Txn& txn) -> Result<Connector> {
    auto current = load(txn, id);
    if (!current) return current;
    if (check) {
      if (auto refused = check(*current)) return *refused;
    }
    txn.del(m_dbs.records, id);
    txn.del(m_dbs.health, id);
    drop_name(txn, name_key(*current));
    if (auto ok = add_active(txn, m_dbs.meta, -is_active(*current)); !ok) return ok.problem();
    HistoryEntry last = entry;
    last.version = current->version;
    if (auto appended = append(txn, id, last); !appended) return appended.problem();
    return current;
  });
}

Result<bool> LmdbConnectorStore::append_history(std::string_view id, const HistoryEntry& entry) {
  if (!is_valid_connector_id(id)) return not_found(id.substr(0, kMaxConnectorIdLength));
  return m_env->write<bool>([&](Txn& txn) -> Result<bool> {
    std::string_view existing;
    if (txn.get(m_dbs.records, id, existing) == MDB_NOTFOUND) return not_found(id);
    return append(txn, id, entry);
  });
}

Result<std::vector<HistoryEntry>> LmdbConnectorStore::history(std::string_view id) {
  if (!is_valid_connector_id(id)) return std::vector<HistoryEntry>{};
  return m_env->read<std::vector<HistoryEntry>>([&](Txn& txn) {
    std::vector<HistoryEntry> out;
    Cursor cursor(txn, m_dbs.history);
    int rc = cursor.seek(history_range_end(id));
    for (rc = rc == 0 ? cursor.step(MDB_PREV) : cursor.step(MDB_LAST);
         rc == 0 && history_sequence(cursor.key(), id); rc = cursor.step(MDB_PREV)) {
      if (auto e = decode_history_entry(cursor.value())) out.push_back(std::move(*e));
    }
    return out;
  });
}

Result<ListPage> LmdbConnectorStore::list(const ListQuery& query) {
  auto scan = to_list_scan(query);
  if (!scan) return scan.problem();
  return m_env->read<ListPage>([&](Txn& txn) { return load_page(txn, *scan); });
}

std::size_t LmdbConnectorStore::count() {
  auto n = m_env->read<std::size_t>(
      [&](Txn& txn) -> Result<std::size_t> { return txn.entries(m_dbs.records); });
  return n ? *n : 0;
}

// [SECTION] Health

Result<ConnectorHealth> LmdbConnectorStore::health(std::string_view id) {
  if (!is_valid_connector_id(id)) return ConnectorHealth{};
  return m_env->read<ConnectorHealth>([&](Txn& txn) -> Result<ConnectorHealth> {
    std::string_view bytes;
    int rc = txn.get(m_dbs.health, id, bytes);
    if (rc == MDB_NOTFOUND) return ConnectorHealth{};
    if (rc != 0) return lmdb_problem(rc, "reading health");
    auto health = decode_health(bytes);
    if (!health)
      return make_problem(ProblemType::Internal, "store: unreadable health of " + std::string(id));
    return std::move(*health);
  });
}

// The summary is rewritten only when the state changes: a failure after a failure touches the
// health row alone.
Result<bool> LmdbConnectorStore::store_health(Txn& txn, const Connector& current,
                                              const ConnectorHealth& health) {
  const HealthState before = health_state(txn, current.id);
  if (int rc = txn.put(m_dbs.health, current.id, to_json(health).dump()); rc != 0) {
    return lmdb_problem(rc, "writing health");
  }
  if (before != health.state) {
    if (auto claimed = claim_name(txn, current); !claimed) return claimed.problem();
  }
  return true;
}

Result<bool> LmdbConnectorStore::put_health(std::string_view id, const ConnectorHealth& health) {
  auto gone = put_healths({{std::string(id), health}});
  if (!gone) return gone.problem();
  if (!gone->empty()) return not_found(id);
  return true;
}

Result<std::vector<std::string>> LmdbConnectorStore::put_healths(const HealthBatch& batch) {
  std::vector<std::string> gone;
  auto written = write_names([&](Txn& txn) -> Result<Connector> {
    gone.clear();  // the step runs again after the map grows
    for (const auto& [id, health] : batch) {
      auto current = load(txn, id);
      if (!current && current.problem().type == ProblemType::NotFound) {
        gone.push_back(id);
        continue;
      }
      if (!current) return current;
      if (auto stored = store_health(txn, *current, health); !stored) return stored.problem();
    }
    return Connector{};
  });
  if (!written) return written.problem();
  return gone;
}

// [SECTION] MetaStore

std::optional<std::string> LmdbConnectorStore::get_meta(std::string_view key) {
  auto value =
      m_env->read<std::optional<std::string>>([&](Txn& txn) -> Result<std::optional<std::string>> {
        std::string_view stored;
        if (txn.get(m_dbs.meta, key, stored) != 0) return std::optional<std::string>{};
        return std::optional<std::string>{std::string(stored)};
      });
  return value ? std::move(*value) : std::nullopt;
}

Result<bool> LmdbConnectorStore::put_meta(std::string_view key, std::string_view value) {
  if (key.empty() || key == kSchemaKey || key == kKeyCheckKey || key == kActiveCountKey ||
      key == kNamesGenerationKey) {
    return bad_request("key", "is empty or reserved by the store");
  }
  return m_env->write<bool>([&](Txn& txn) -> Result<bool> {
    if (int rc = txn.put(m_dbs.meta, key, value); rc != 0) return lmdb_problem(rc, "put_meta");
    return true;
  });
}

}  // namespace datahub::backend
