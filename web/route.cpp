#include "route.h"

namespace datahub::web {

Route ParseRoute(std::string_view hash) {
  constexpr std::string_view kPrefix = "#/connectors/";
  if (hash.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view rest = hash.substr(kPrefix.size());
  if (rest.empty()) return {};
  if (rest == "new") return {Screen::NewConnector, {}};
  // Ids are URL-safe (API.md): anything else is not an id we made.
  for (char c : rest) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return {};
  }
  return {Screen::Connector, std::string(rest)};
}

std::string RouteHash(const Route& route) {
  switch (route.screen) {
    case Screen::NewConnector:
      return "#/connectors/new";
    case Screen::Connector:
      return "#/connectors/" + route.id;
    case Screen::DataHub:
      break;
  }
  return "#/connectors";
}

std::string RouteTitle(const Route& route) {
  switch (route.screen) {
    case Screen::NewConnector:
      return "Configure a new Connector · Data Hub";
    case Screen::Connector:
      return "Connector · Data Hub";
    case Screen::DataHub:
      break;
  }
  return "Data Hub";
}

}  // namespace datahub::web
