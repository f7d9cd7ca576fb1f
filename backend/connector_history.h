// What changed between two versions of a connector, for its history (no secret ever shown).
#pragma once

#include <nlohmann/json.hpp>

#include "datahub/connector.h"

namespace datahub::backend {

// [{"field","from","to"}] for every field that differs, by JSON path ("auth.client_id",
// "headers[0].name"). A write-only value that changed reads "(changed)" on both sides.
// Server-owned fields (version, updated_at) are left out.
nlohmann::json diff_connectors(const Connector& before, const Connector& after);

// The fields of a new connector, as changes from nothing (secrets as "(set)").
nlohmann::json initial_fields(const Connector& created);

}  // namespace datahub::backend
