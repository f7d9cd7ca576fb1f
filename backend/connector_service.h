// The rules that need storage: unique names, versions and preconditions, status actions,
// history. Takes and gives domain values; the routes turn them into HTTP.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "connector_cache.h"
#include "datahub/connector.h"
#include "datahub/result.h"
#include "health/health_board.h"
#include "if_match.h"
#include "store/connector_store.h"

namespace datahub::backend {

// The connector as the API answers it: the contract's resource, plus what its TLS PEMs say
// (subjects, issuers, expiry), which only the backend can read.
nlohmann::json connector_response_json(const Connector& c);

class ConnectorService {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  using IdMaker = std::function<std::string()>;
  // Told the id of every connector that changed or went away (drops its cached token).
  using ChangeListener = std::function<void(std::string_view id)>;

  ConnectorService(ConnectorStore& store, IdMaker new_id,
                   Clock clock = &std::chrono::system_clock::now);
  void set_change_listener(ChangeListener listener) { m_on_change = std::move(listener); }

  // Each change names its `actor` in the history entry it writes (none: an unnamed one, as for
  // the tools that run without a caller).
  Result<Connector> create(const nlohmann::json& body,
                           const std::optional<HistoryActor>& actor = {});
  // The connector (secrets decrypted) and its response JSON, from memory when they are there.
  // On a shared store a connector in memory is confirmed by its version first (another
  // server's change may be committed but not yet notified): a mismatch reads it again.
  Result<CachedConnector> get(std::string_view id);
  // Drops what is cached of the connector (its token too): another server changed it.
  void forget(std::string_view id) { notify(id); }
  // Drops every cached connector (the change listener's reset drops the tokens).
  void forget_all();
  // PUT: replaces the editable fields. `if_match` is required (428 without). The status changes
  // only through the actions, or here through `status` (import: a replaced connector is
  // disabled, in the same transaction), never through the body.
  Result<Connector> replace(std::string_view id, const nlohmann::json& body,
                            const std::optional<IfMatch>& if_match,
                            std::optional<ConnectorStatus> status = std::nullopt,
                            const std::optional<HistoryActor>& actor = {});
  // activate / disable: idempotent (no new version when already in that status).
  Result<Connector> set_status(std::string_view id, ConnectorStatus status,
                               const std::optional<IfMatch>& if_match,
                               const std::optional<HistoryActor>& actor = {});
  Result<Connector> remove(std::string_view id, const std::optional<IfMatch>& if_match,
                           const std::optional<HistoryActor>& actor = {});
  Result<ListPage> list(const ListQuery& query);
  Result<std::vector<HistoryEntry>> history(std::string_view id);
  // A `tested` entry: the outcome of a connection test, without changing the connector.
  Result<bool> record_test(std::string_view id, bool ok,
                           const std::optional<HistoryActor>& actor = {});
  // Every connector's health (tests and data requests report to it; answers read it).
  HealthBoard& health() { return m_health; }

  // A connector from a request body, normalized and validated, as `/connectors/test` needs
  // it (nothing stored). Problems: 400 for bad JSON types, 422 for broken rules.
  static Result<Connector> parse_new(const nlohmann::json& body);

 private:
  std::string now() const;
  void notify(std::string_view id);

  ConnectorStore& m_store;
  IdMaker m_new_id;
  Clock m_clock;
  ChangeListener m_on_change;
  ConnectorCache m_cache;
  HealthBoard m_health;
};

}  // namespace datahub::backend
