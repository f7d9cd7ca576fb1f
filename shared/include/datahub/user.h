// People who sign in (docs/API.md, "People and access"): roles, the user resource, and the
// rules of what a client may send for one. Shared so that the UI checks as the user types what
// the server checks last.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/problem.h"
#include "datahub/result.h"

namespace datahub {

// Each role includes the ones before it; the order is the comparison.
enum class Role { Viewer = 0, Operator = 1, Editor = 2, Admin = 3 };

std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);
inline bool role_allows(Role have, Role need) {
  return static_cast<int>(have) >= static_cast<int>(need);
}

// Password length in code points (docs/API.md: 12-256 characters).
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;
// Usernames: 1-64 of letters, digits and . _ @ -, compared ignoring ASCII case.
inline constexpr std::size_t kMaxUsernameLength = 64;
inline constexpr std::size_t kMaxDisplayNameLength = 100;

struct User {
  std::string id;  // "u_...", server-assigned
  std::string username;
  std::string display_name;
  Role role = Role::Viewer;
  bool disabled = false;
  std::string created_at;                    // RFC 3339 UTC
  std::optional<std::string> last_login_at;  // null until the first sign-in
  std::int64_t version = 1;
};

// The response form (never a password or its hash).
nlohmann::json to_json(const User& user);
// The stored form's inverse of to_json; nothing when a member is missing or of the wrong type.
std::optional<User> user_from_json(const nlohmann::json& doc);

// What a client sends to make or change a user. Which members are required depends on the
// route: POST /api/setup and POST /api/users name a username and a password; PUT
// /api/users/{id} replaces display_name, role and disabled, and sets a password when present.
struct UserInput {
  std::string username;
  std::string display_name;
  Role role = Role::Viewer;
  bool disabled = false;
  std::optional<std::string> password;
};
enum class UserInputKind { Setup, Create, Replace };
// 400 for a body that is not an object or a member of the wrong type, 422 with every broken
// field for the rest.
Result<UserInput> user_input_from_json(const nlohmann::json& body, UserInputKind kind);

// The rules one field at a time (empty: fine), for the form and for POST /api/session/password.
std::optional<std::string> username_error(std::string_view username);
std::optional<std::string> password_error(std::string_view password);
std::optional<std::string> display_name_error(std::string_view display_name);

// The case-folded username that makes usernames unique.
std::string fold_username(std::string_view username);

}  // namespace datahub
