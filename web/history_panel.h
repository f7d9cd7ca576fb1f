// The History tab (docs/UI.md, 6): what changed, when, newest first.
#pragma once

#include <optional>
#include <vector>

#include "api_connector_types.h"
#include "datahub/problem.h"

namespace datahub::web {

void DrawHistoryPanel(bool loaded, const std::vector<HistoryEntry>& history,
                      const std::optional<Problem>& error);

}  // namespace datahub::web
