// An API token (docs/API.md, "API tokens") as the identity store keeps it: never the token
// itself, only its hash, under which it is found on every request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "datahub/user.h"

namespace datahub::backend {

// The owner of the tokens the admin token creates (it is no user).
inline constexpr std::string_view kAdminTokenOwner = "admin-token";

struct ApiToken {
  std::string id;  // "t_...", server-assigned
  std::string name;
  std::string owner_id;  // a user's id, or kAdminTokenOwner
  Role role = Role::Viewer;
  // Only these connectors exist for the token; none: every connector.
  std::optional<std::vector<std::string>> connector_ids;
  std::optional<std::int64_t> expires_at;  // Unix seconds; none: never
  std::int64_t created_at = 0;             // Unix seconds
  // Unix seconds, written coarsely (identity/api_tokens.h): the newest use may be in memory.
  std::optional<std::int64_t> last_used_at;
  std::string hash_hex;  // SHA-256 of the token, hex
};

}  // namespace datahub::backend
