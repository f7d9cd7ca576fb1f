// Bookmarkable addresses (docs/UI.md): "#/connectors", "#/connectors/new", "#/connectors/<id>",
// "#/users" and "#/tokens"; the Data Hub's address keeps its search, status filter and sort
// ("#/connectors?q=erp&status=active&sort=-updated_at"), so a reload or a bookmark shows the same
// list.
#pragma once

#include <string>
#include <string_view>

namespace datahub::web {

enum class Screen { DataHub, NewConnector, Connector, Users, Tokens };

// The Data Hub's query as its address holds it, in the API's words (docs/API.md list parameters).
struct ListAddress {
  std::string q;       // the search text
  std::string status;  // "", "active" or "disabled"
  std::string sort;    // "" (by name), or a field, "-" first for descending
  std::string health;  // "" or "failing" (the Data Hub's "Failing only")
  bool operator==(const ListAddress&) const = default;
};

struct Route {
  Screen screen = Screen::DataHub;
  std::string id;    // for Screen::Connector
  ListAddress list;  // for Screen::DataHub
  bool operator==(const Route&) const = default;
};

// Unknown or empty hashes lead home (the Data Hub).
Route ParseRoute(std::string_view hash);
std::string RouteHash(const Route& route);
// The tab title that names the screen.
std::string RouteTitle(const Route& route);

}  // namespace datahub::web
