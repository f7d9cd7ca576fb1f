// What an API token may not reach (docs/API.md, "API tokens"): tokens and users (a token cannot
// create tokens or manage users), and, for a token limited to some connectors, every other
// connector (404, as if it did not exist) and the creation of new ones.
#pragma once

#include <optional>
#include <string_view>

#include "datahub/problem.h"
#include "identity/caller.h"

namespace datahub::backend {

// `route` is the OpenAPI path the request matched ("/api/connectors/{id}/test"), `path` the
// request's own. Nothing for a caller that is not an API token.
std::optional<Problem> token_scope_problem(const Caller& caller, std::string_view method,
                                           std::string_view route, std::string_view path);

}  // namespace datahub::backend
