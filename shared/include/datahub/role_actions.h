// What each role may do (docs/API.md, "People and access"), as actions a person takes rather than
// routes: the UI hides or disables what the signed-in role may not do, by the same rule the
// server's route table (backend/route_access.cpp) enforces.
#pragma once

#include <string>

#include "datahub/user.h"

namespace datahub {

enum class Action {
  ViewConnectors,      // list, read, history, metrics
  TestConnector,       // a saved connector or the form's unsaved one
  SetConnectorStatus,  // activate, disable
  SendRequest,         // POST /api/connectors/{id}/request
  CreateConnector,
  EditConnector,
  DeleteConnector,
  ImportConnectors,
  ExportConnectors,  // without secrets; with a passphrase (secrets sealed) needs admin
  ExportWithSecrets,
  ManageUsers,
  ManageOwnTokens,  // every signed-in user, a role up to their own
  ManageAllTokens,
};

// The least role that may take the action.
Role role_needed(Action action);
inline bool role_may(Role role, Action action) {
  return role_allows(role, role_needed(action));
}

// "Needs the editor role" — said beside what a role may not use.
std::string role_needed_text(Action action);

}  // namespace datahub
