#include "connector_service.h"

#include "connector_history.h"
#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "datahub/secret_fields.h"
#include "datahub/time_format.h"
#include "json_render.h"
#include "outbound/pem_material.h"
#include "outbound/signing_key.h"

namespace datahub::backend {
namespace {

// After a request is applied, a write-only field either holds a non-empty value or nothing.
void settle(WriteOnly& w) {
  if (w.value && w.value->empty()) w.value.reset();
  w.is_set = w.value.has_value();
}

void settle_write_only(Connector& c) {
  for_each_secret(c, [](const std::string&, WriteOnly& w) { settle(w); });
}

// Ignores whatever a client claims about stored secrets: only values count in a request.
void forget_claims(Connector& c) {
  for (const auto& f : secret_fields()) f.of(c).is_set = false;
  for (auto& h : c.headers) h.value.is_set = false;
}

Problem precondition_failed(std::int64_t current) {
  return make_problem(ProblemType::PreconditionFailed,
                      "The connector was changed by someone else (now at version " +
                          std::to_string(current) + "). Reload it and apply your change again.");
}

// Wrong JSON types are a 400 right away; values the codec cannot map (an unknown enum) are kept
// as field errors, to be reported with the rule checks in one 422.
Result<ParsedConnector> parse_request(const nlohmann::json& body) {
  auto parsed = parse_connector_json(body);
  if (!parsed) return parsed;
  normalize(parsed->connector);
  forget_claims(parsed->connector);
  return parsed;
}

// Every broken field at once: the codec's value errors and the rules' errors.
std::vector<FieldError> all_errors(const ParsedConnector& parsed, const Connector& checked) {
  std::vector<FieldError> errors = parsed.errors;
  append_field_errors(errors, validate(checked));
  append_field_errors(errors, outbound::check_tls_material(checked.tls));
  append_field_errors(errors, outbound::check_signing_key(checked.auth));
  return errors;
}

}  // namespace

nlohmann::json connector_response_json(const Connector& c) {
  nlohmann::json out = to_response_json(c);
  out["tls"].update(outbound::describe_tls_material(c.tls));
  return out;
}

ConnectorService::ConnectorService(ConnectorStore& store, IdMaker new_id, Clock clock)
    : m_store(store), m_new_id(std::move(new_id)), m_clock(clock), m_health(store, clock) {}

std::string ConnectorService::now() const {
  return format_rfc3339_utc(m_clock());
}

void ConnectorService::notify(std::string_view id) {
  m_cache.drop(id);
  if (m_on_change) m_on_change(id);
}

Result<Connector> ConnectorService::parse_new(const nlohmann::json& body) {
  auto parsed = parse_request(body);
  if (!parsed) return parsed.problem();
  Connector c = parsed->connector;
  settle_write_only(c);
  if (auto errors = all_errors(*parsed, c); !errors.empty()) {
    return validation_problem(std::move(errors));
  }
  return c;
}

Result<Connector> ConnectorService::create(const nlohmann::json& body,
                                           const std::optional<HistoryActor>& actor) {
  auto parsed = parse_new(body);
  if (!parsed) return parsed;
  Connector c = std::move(parsed).value();
  c.id = m_new_id();
  c.created_at = c.updated_at = now();
  c.version = 1;
  HistoryEntry entry{c.created_at, "created", 1, initial_fields(c), actor};
  auto created = m_store.create(c, entry);
  if (created) notify(created->id);
  return created;
}

void ConnectorService::forget_all() {
  m_cache.drop_all();
}

Result<CachedConnector> ConnectorService::get(std::string_view id) {
  if (auto hit = m_cache.find(id)) {
    if (!m_store.shared()) return *hit;
    auto version = m_store.version(id);
    if (version && *version == hit->connector->version) return *hit;
    if (!version && version.problem().type != ProblemType::NotFound) return version.problem();
    notify(id);  // changed or deleted elsewhere: read it again below
  }
  const auto epoch = m_cache.epoch();
  auto connector = m_store.get(id);
  if (!connector) return connector.problem();
  auto body = std::make_shared<const std::string>(render_json(connector_response_json(*connector)));
  CachedConnector entry{std::make_shared<const Connector>(std::move(*connector)), std::move(body)};
  m_cache.put(id, entry, epoch);
  return entry;
}

Result<Connector> ConnectorService::replace(std::string_view id, const nlohmann::json& body,
                                            const std::optional<IfMatch>& if_match,
                                            std::optional<ConnectorStatus> status,
                                            const std::optional<HistoryActor>& actor) {
  if (!if_match) {
    return make_problem(ProblemType::PreconditionRequired,
                        "Send If-Match with the ETag of the version you edited.");
  }
  auto parsed = parse_request(body);
  if (!parsed) return parsed.problem();
  const bool status_given = body.contains("status");
  const std::string at = now();
  Mutation mutation = [&](const Connector& current) -> Result<Change> {
    if (!if_match->matches(current.version)) return precondition_failed(current.version);
    Connector next = parsed->connector;
    if (!status && status_given && next.status != current.status) {
      return validation_problem(
          {{"status", "cannot be changed here: use the activate or disable action"}});
    }
    next.status = status.value_or(current.status);
    if (auto left = secrets_left_behind(next, current); !left.empty())
      return validation_problem(std::move(left));
    merge_write_only(next, current);
    settle_write_only(next);
    if (auto errors = all_errors(*parsed, next); !errors.empty()) {
      return validation_problem(std::move(errors));
    }
    next.id = current.id;
    next.type = current.type;
    next.created_at = current.created_at;
    next.updated_at = at;
    next.version = current.version + 1;
    return Change{next,
                  HistoryEntry{at, "updated", next.version, diff_connectors(current, next), actor}};
  };
  auto updated = m_store.update(id, mutation);
  if (updated) notify(id);
  return updated;
}

Result<Connector> ConnectorService::set_status(std::string_view id, ConnectorStatus status,
                                               const std::optional<IfMatch>& if_match,
                                               const std::optional<HistoryActor>& actor) {
  const std::string at = now();
  const char* action = status == ConnectorStatus::Active ? "activated" : "disabled";
  bool wrote = false;
  Mutation mutation = [&](const Connector& latest) -> Result<Change> {
    if (if_match && !if_match->matches(latest.version)) return precondition_failed(latest.version);
    wrote = latest.status != status;
    if (!wrote) return Change{latest, {}, true};  // idempotent: nothing to write
    Connector next = latest;
    next.status = status;
    next.updated_at = at;
    next.version = latest.version + 1;
    return Change{next,
                  HistoryEntry{at, action, next.version, diff_connectors(latest, next), actor}};
  };
  auto updated = m_store.update(id, mutation);
  if (updated && wrote) notify(id);
  return updated;
}

Result<Connector> ConnectorService::remove(std::string_view id,
                                           const std::optional<IfMatch>& if_match,
                                           const std::optional<HistoryActor>& actor) {
  const std::string at = now();
  DeleteCheck check = [&](const Connector& current) -> std::optional<Problem> {
    if (if_match && !if_match->matches(current.version))
      return precondition_failed(current.version);
    return std::nullopt;
  };
  // The store stamps the entry with the last version the connector had.
  auto removed =
      m_store.remove(id, check, HistoryEntry{at, "deleted", 0, nlohmann::json::array(), actor});
  if (removed) {
    notify(id);
    m_health.forget(id);
  }
  return removed;
}

// The route checks the query's form; the store refuses what it cannot serve (a foreign cursor).
Result<ListPage> ConnectorService::list(const ListQuery& query) {
  return m_store.list(query);
}

Result<std::vector<HistoryEntry>> ConnectorService::history(std::string_view id) {
  auto entries = m_store.history(id);
  if (!entries) return entries.problem();
  if (entries->empty()) {
    return make_problem(ProblemType::NotFound, "No connector with this id.");
  }
  return entries;
}

Result<bool> ConnectorService::record_test(std::string_view id, bool ok,
                                           const std::optional<HistoryActor>& actor) {
  // The test's route has just read (and confirmed) it: from memory, without asking again.
  auto current = m_cache.find(id);
  if (!current) {
    auto read = get(id);
    if (!read) return read.problem();
    current = std::move(*read);
  }
  nlohmann::json changes = nlohmann::json::array(
      {{{"field", "result"}, {"from", nullptr}, {"to", ok ? "ok" : "failed"}}});
  return m_store.append_history(
      id, HistoryEntry{now(), "tested", current->connector->version, changes, actor});
}

}  // namespace datahub::backend
