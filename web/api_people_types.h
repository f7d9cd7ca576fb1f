// What the people-and-access calls of the API answer (docs/API.md, "People and access"): the
// signed-in session, users (the shared datahub::User) and API tokens. Plain data for the screens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "datahub/user.h"

namespace datahub::web {

// GET/POST /api/session and POST /api/setup: who is signed in. The CSRF token is kept in memory
// only (never in the browser's storage) and sent with every POST, PUT and DELETE.
struct SessionInfo {
  User user;
  std::string csrf_token;  // empty for a caller that needs none (the admin token)
};

struct SetupRequest {
  std::string code;
  std::string username;
  std::string display_name;
  std::string password;
};

// POST /api/users and PUT /api/users/{id} (with `etag` as If-Match); `password` only when set.
struct UserChange {
  std::string username;  // POST only
  std::string display_name;
  Role role = Role::Viewer;
  bool disabled = false;
  std::optional<std::string> password;
};

struct UserDoc {
  User user;
  std::string etag;
};

// An API token as GET /api/tokens lists it: never the token itself.
struct ApiToken {
  std::string id;
  std::string name;
  Role role = Role::Viewer;
  std::optional<std::vector<std::string>> connector_ids;  // nullopt: every connector
  std::optional<std::string> expires_at;                  // RFC 3339 UTC
  std::string created_at;
  std::optional<std::string> last_used_at;
  std::string owner;  // the owner's name ("owner": {"id", "name"}): an admin sees everyone's
};

struct NewToken {
  std::string name;
  Role role = Role::Viewer;
  std::optional<std::vector<std::string>> connector_ids;
  std::optional<std::string> expires_at;
};

// POST /api/tokens: the token's secret ("dht_...") comes once, in this answer only.
struct CreatedToken {
  ApiToken token;
  std::string secret;
};

}  // namespace datahub::web
