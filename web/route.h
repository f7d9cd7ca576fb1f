// Bookmarkable addresses (UI.md): "#/connectors", "#/connectors/new", "#/connectors/<id>".
#pragma once

#include <string>
#include <string_view>

namespace datahub::web {

enum class Screen { DataHub, NewConnector, Connector };

struct Route {
  Screen screen = Screen::DataHub;
  std::string id;  // for Screen::Connector
  bool operator==(const Route&) const = default;
};

// Unknown or empty hashes lead home (the Data Hub).
Route ParseRoute(std::string_view hash);
std::string RouteHash(const Route& route);
// The tab title that names the screen.
std::string RouteTitle(const Route& route);

}  // namespace datahub::web
