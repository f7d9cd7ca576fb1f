// The OpenAPI 3.1 document of the REST contract, served at GET /api/openapi.json.
#pragma once

#include <nlohmann/json.hpp>

namespace datahub::backend {

const nlohmann::json& openapi_document();

}  // namespace datahub::backend
