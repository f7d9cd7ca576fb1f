// One line of a connector's history (GET /api/connectors/{id}/history, and the store's record of
// it): {"at","action","version","changes":[{"field","from","to"}],"actor":{"type","id","name"}}.
// The store, the route and the web all read and write it with the codec below.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/result.h"

namespace datahub {

// Who made a change (docs/API.md, "People and access"): type "user" (id, username), "token" (an
// API token's id and name) or "admin-token" (id and name "admin-token").
struct HistoryActor {
  std::string type;
  std::string id;
  std::string name;
  bool operator==(const HistoryActor&) const = default;
};

struct HistoryEntry {
  std::string at;      // RFC 3339 UTC
  std::string action;  // created, updated, activated, disabled, deleted, tested
  std::int64_t version = 0;
  // [{"field","from","to"}]: a field path ("auth.client_id") and its JSON values before and
  // after (null: no value), "(changed)" for a secret. Kept as JSON: a value is any scalar the
  // connector's JSON holds; the reader checks the shape.
  nlohmann::json changes = nlohmann::json::array();
  // Entries written before actors were recorded have none (and answer without "actor").
  std::optional<HistoryActor> actor = std::nullopt;
  bool operator==(const HistoryEntry&) const = default;
};

nlohmann::json to_json(const HistoryEntry& entry);
// Missing members keep their defaults. A member of the wrong type, or a change that is not an
// object with a string "field", refuses the entry (BadRequest, the members in `errors`).
Result<HistoryEntry> history_entry_from_json(const nlohmann::json& body);

// The history document: {"items": [entry, ...]}, newest first.
nlohmann::json history_to_json(const std::vector<HistoryEntry>& entries);
Result<std::vector<HistoryEntry>> history_from_json(const nlohmann::json& body);

}  // namespace datahub
