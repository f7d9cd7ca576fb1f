// The OpenAPI document's part for people and sessions (openapi.cpp puts the parts together).
#pragma once

#include <nlohmann/json.hpp>

namespace datahub::backend::openapi_parts {

nlohmann::json identity_paths();
nlohmann::json identity_schemas();

}  // namespace datahub::backend::openapi_parts
