#include "datahub/role_actions.h"

namespace datahub {

Role role_needed(Action action) {
  switch (action) {
    case Action::ViewConnectors:
    case Action::ManageOwnTokens:
      return Role::Viewer;
    case Action::TestConnector:
    case Action::SetConnectorStatus:
    case Action::SendRequest:
      return Role::Operator;
    case Action::CreateConnector:
    case Action::EditConnector:
    case Action::DeleteConnector:
    case Action::ImportConnectors:
    case Action::ExportConnectors:
      return Role::Editor;
    case Action::ExportWithSecrets:
    case Action::ManageUsers:
    case Action::ManageAllTokens:
      break;
  }
  return Role::Admin;
}

std::string role_needed_text(Action action) {
  return "Needs the " + std::string(role_name(role_needed(action))) + " role";
}

}  // namespace datahub
