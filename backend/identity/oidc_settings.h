// The OIDC sign-in of the command line (docs/API.md, "OIDC sign-in"): the IdP, this client,
// where the IdP sends the browser back, and which groups make which role.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/user.h"

namespace datahub::backend {

struct OidcSettings {
  std::string issuer;         // --oidc-issuer: empty when OIDC sign-in is off
  std::string client_id;      // --oidc-client-id
  std::string client_secret;  // DATAHUB_OIDC_CLIENT_SECRET, never on the command line
  // --oidc-redirect-uri; else derived at start from the listen address (main.cpp).
  std::string redirect_uri;
  std::string groups_claim = "groups";              // --oidc-groups-claim
  std::vector<std::pair<Role, std::string>> roles;  // --oidc-roles admin=<group>,...

  bool enabled() const { return !issuer.empty(); }
};

// "admin=hub-admins,editor=hub-editors" -> pairs; nothing and `why` set when malformed.
std::optional<std::vector<std::pair<Role, std::string>>> parse_oidc_roles(std::string_view text,
                                                                          std::string& why);

// The highest role whose group is in the claims' groups claim (a string array, or one string);
// viewer when none matches.
Role role_from_groups(const OidcSettings& settings, const nlohmann::json& claims);

}  // namespace datahub::backend
