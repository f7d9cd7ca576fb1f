// Who is calling: the admin token, a user, or a user's API token, each either directly (a
// bearer token) or through a session cookie opened with it. Decided once per request, before
// routing (http_app.cpp), and read by the handlers that need it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "datahub/user.h"

namespace datahub::backend {

struct Caller {
  enum class Kind { AdminToken, User, ApiToken };
  Kind kind = Kind::AdminToken;
  Role role = Role::Admin;
  User user;                 // Kind::User; Kind::ApiToken: the token's owner
  std::string session_hash;  // through a session cookie: the session's stored key
  std::string csrf_token;    // through a session cookie
  std::string token_id;      // Kind::ApiToken
  std::string token_name;    // Kind::ApiToken
  // Kind::ApiToken limited to these connectors (others are 404 to it); none: all of them.
  std::optional<std::vector<std::string>> connector_ids;

  bool by_cookie() const { return !session_hash.empty(); }
  bool sees_connector(const std::string& id) const;
};

// What a route needs: nothing (public), or a signed-in caller of at least `role`.
struct Access {
  bool is_public = false;
  Role role = Role::Admin;
  static constexpr Access public_route() { return {true, Role::Viewer}; }
  static constexpr Access at_least(Role role) { return {false, role}; }
};

inline bool Caller::sees_connector(const std::string& id) const {
  if (!connector_ids) return true;
  for (const auto& allowed : *connector_ids)
    if (allowed == id) return true;
  return false;
}

}  // namespace datahub::backend
