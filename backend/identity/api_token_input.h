// What a client sends to create an API token (POST /api/tokens): {"name", "role",
// "connector_ids": null | ["c_..."], "expires_at": null | time}.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/result.h"
#include "datahub/user.h"

namespace datahub::backend {

inline constexpr std::size_t kMaxTokenNameLength = 100;
inline constexpr std::size_t kMaxTokenConnectors = 1000;
// The furthest expiry a token may have (100 years of 365.25 days); null means it never expires.
inline constexpr std::int64_t kMaxTokenLifetimeSeconds = 100LL * 36525 * 864;

struct TokenInput {
  std::string name;
  Role role = Role::Viewer;
  std::optional<std::vector<std::string>> connector_ids;  // sorted, without repeats
  std::optional<std::int64_t> expires_at;                 // Unix seconds
};

// Whether a connector with this id exists (a token may only be limited to existing ones).
using ConnectorExists = std::function<bool(std::string_view id)>;

// 400 for a body that is not an object or a member of the wrong JSON type, 422 with every
// broken field for the rest (a name of 1-100 characters, a known role, connector ids of the
// server's form that `exists` knows, when given; an expiry after `now`).
Result<TokenInput> token_input_from_json(const nlohmann::json& body, std::int64_t now,
                                         const ConnectorExists& exists = {});

}  // namespace datahub::backend
