// The relying party of OIDC sign-in (docs/API.md, "OIDC sign-in"): discovery and JWKS from the
// issuer, the authorization request (code flow with PKCE S256, state and nonce), and the code
// exchange with the ID token's check. Every call to the IdP goes through the backend's outbound
// client, with its size and time limits.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "datahub/result.h"
#include "identity/id_token_verifier.h"
#include "identity/oidc_pending.h"
#include "identity/oidc_settings.h"
#include "outbound/outbound_http.h"

namespace datahub::backend {

// Who the IdP says signed in.
struct OidcIdentity {
  std::string subject_key;  // issuer "#" sub: what a user is linked by
  std::string username;     // preferred_username when it is a valid username, else sub
  std::string display_name;
  Role role = Role::Viewer;
};

// Why a sign-in failed: `code` goes into the browser's URL (/#sso_error=<code>), `why` into the
// log only (never a token, code or secret).
struct OidcFailure {
  std::string code;
  std::string why;
};

struct OidcOutcome {
  std::optional<OidcIdentity> identity;
  OidcFailure failure;  // when !identity
};

class OidcClient {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds
  static constexpr std::int64_t kJwksRefetchSeconds = 60;
  static constexpr std::int64_t kDiscoveryLifetimeSeconds = 60 * 60;

  // `http` must reach the IdP: the server builds one for it (main.cpp).
  OidcClient(OidcSettings settings, const outbound::OutboundHttp& http, Clock clock = {});

  const OidcSettings& settings() const { return m_settings; }

  // GET /api/session/sso: the IdP's authorization URL, and the state to bind to the browser.
  // An UpstreamError problem when discovery fails.
  Result<std::pair<std::string, std::string>> begin();

  // GET /api/session/sso/callback: the pending sign-in of `state` (used up), the code
  // exchanged, the ID token checked.
  OidcOutcome finish(const std::string& code, const std::string& state);

  // Ends the pending sign-in of `state` (the IdP answered with an error).
  void forget(const std::string& state);

 private:
  struct Discovery {
    std::string authorization_endpoint;
    std::string token_endpoint;
    std::string jwks_uri;
    bool secret_in_body = false;  // client_secret_post instead of client_secret_basic
    bool groups_scope = false;    // scopes_supported lists "groups": asked for too
    std::int64_t fetched_at = 0;
  };
  Result<Discovery> discovery();
  Result<nlohmann::json> fetch_json(const std::string& url, const char* what) const;
  // The ID token's check: the JWKS fetched at the first sign-in, and again on an unknown kid
  // (a key rollover), such refetches at most one a minute.
  IdTokenCheck check_token(const std::string& id_token, const Discovery& d,
                           const std::string& nonce);
  OidcOutcome identity_of(const nlohmann::json& claims) const;
  std::int64_t now() const { return m_clock(); }

  OidcSettings m_settings;
  const outbound::OutboundHttp& m_http;
  Clock m_clock;
  OidcPending m_pending;
  std::mutex m_mutex;  // the cached discovery and JWKS
  std::optional<Discovery> m_discovery;
  nlohmann::json m_jwks;                 // null until the first sign-in fetches it
  std::int64_t m_jwks_refetched_at = 0;  // the last fetch for an unknown kid; 0: none yet
};

}  // namespace datahub::backend
