// Who is calling: the admin token, or a user through a session cookie. Decided once per request,
// before routing (http_app.cpp), and read by the handlers that need it.
#pragma once

#include <string>

#include "datahub/user.h"

namespace datahub::backend {

struct Caller {
  enum class Kind { AdminToken, User };
  Kind kind = Kind::AdminToken;
  Role role = Role::Admin;
  User user;                 // Kind::User
  std::string session_hash;  // Kind::User: the session's stored key
  std::string csrf_token;    // Kind::User
};

// What a route needs: nothing (public), or a signed-in caller of at least `role`.
struct Access {
  bool is_public = false;
  Role role = Role::Admin;
  static constexpr Access public_route() { return {true, Role::Viewer}; }
  static constexpr Access at_least(Role role) { return {false, role}; }
};

}  // namespace datahub::backend
