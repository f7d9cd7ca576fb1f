#include "token_scope.h"

#include <string>

namespace datahub::backend {
namespace {

constexpr std::string_view kConnectorRoute = "/api/connectors/{id}";

// The {id} of "/api/connectors/{id}..." in the request's path.
std::string_view connector_id_of(std::string_view path) {
  constexpr std::string_view kPrefix = "/api/connectors/";
  if (!path.starts_with(kPrefix)) return {};
  path.remove_prefix(kPrefix.size());
  return path.substr(0, path.find('/'));
}

bool is_route_or_below(std::string_view route, std::string_view base) {
  return route == base || (route.starts_with(base) && route[base.size()] == '/');
}

}  // namespace

std::optional<Problem> token_scope_problem(const Caller& caller, std::string_view method,
                                           std::string_view route, std::string_view path) {
  if (caller.kind != Caller::Kind::ApiToken) return std::nullopt;
  if (is_route_or_below(route, "/api/tokens") || is_route_or_below(route, "/api/users"))
    return make_problem(ProblemType::Forbidden,
                        "An API token cannot manage API tokens or users: sign in as a user.");
  if (!caller.connector_ids) return std::nullopt;
  if (is_route_or_below(route, kConnectorRoute) &&
      !caller.sees_connector(std::string(connector_id_of(path))))
    return make_problem(ProblemType::NotFound, "No connector with this id.");
  if ((method == "POST" && route == "/api/connectors") || route == "/api/connectors/import")
    return make_problem(ProblemType::Forbidden,
                        "A token limited to some connectors cannot create or import connectors.");
  return std::nullopt;
}

}  // namespace datahub::backend
