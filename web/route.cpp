#include "route.h"

#include <algorithm>

#include "datahub/connector_id.h"
#include "datahub/list_query.h"
#include "datahub/url_encoding.h"

namespace datahub::web {

namespace {

constexpr std::string_view kDataHub = "#/connectors";

// The API's sort fields (the shared list query's); "name" ascending is its own order and needs
// no parameter.
bool IsSortParam(std::string_view sort) {
  return !sort.empty() && parse_list_sort(sort).has_value();
}

// "q=erp&status=active&health=failing&sort=-name": unknown keys and values are left out, not
// guessed.
ListAddress ParseList(std::string_view query) {
  ListAddress list;
  while (!query.empty()) {
    const std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = pair.substr(0, eq);
    const std::string value = percent_decode(pair.substr(eq + 1));
    if (key == "q") list.q = value;
    if (key == "status" && (value == "active" || value == "disabled")) list.status = value;
    if (key == "health" && value == "failing") list.health = value;
    if (key == "sort" && IsSortParam(value)) list.sort = value == "name" ? "" : value;
  }
  return list;
}

std::string ListQuery(const ListAddress& list) {
  std::string query;
  auto add = [&query](const char* key, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "?" : "&") + std::string(key) + "=" + percent_encode(value);
  };
  add("q", list.q);
  add("status", list.status);
  add("health", list.health);
  add("sort", list.sort);
  return query;
}

}  // namespace

Route ParseRoute(std::string_view hash) {
  if (hash.starts_with(kDataHub) && hash.size() > kDataHub.size() && hash[kDataHub.size()] == '?')
    return {Screen::DataHub, {}, ParseList(hash.substr(kDataHub.size() + 1))};
  if (hash == "#/users") return {Screen::Users, {}, {}};
  if (hash == "#/tokens") return {Screen::Tokens, {}, {}};
  constexpr std::string_view kPrefix = "#/connectors/";
  if (hash.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view rest = hash.substr(kPrefix.size());
  if (rest.empty()) return {};
  if (rest == "new") return {Screen::NewConnector, {}, {}};
  // Ids are URL-safe (the shared alphabet and cap): anything else is not an id the API made.
  if (!is_valid_connector_id(rest)) return {};
  return {Screen::Connector, std::string(rest), {}};
}

std::string RouteHash(const Route& route) {
  switch (route.screen) {
    case Screen::NewConnector:
      return "#/connectors/new";
    case Screen::Connector:
      return "#/connectors/" + route.id;
    case Screen::Users:
      return "#/users";
    case Screen::Tokens:
      return "#/tokens";
    case Screen::DataHub:
      break;
  }
  return std::string(kDataHub) + ListQuery(route.list);
}

std::string RouteTitle(const Route& route) {
  switch (route.screen) {
    case Screen::NewConnector:
      return "Configure a new Connector · Data Hub";
    case Screen::Connector:
      return "Connector · Data Hub";
    case Screen::Users:
      return "Users · Data Hub";
    case Screen::Tokens:
      return "API tokens · Data Hub";
    case Screen::DataHub:
      break;
  }
  return "Data Hub";
}

}  // namespace datahub::web
