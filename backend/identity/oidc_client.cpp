#include "identity/oidc_client.h"

#include <chrono>

#include <sodium.h>

#include "outbound/base64url.h"
#include "outbound/form_encoding.h"
#include "random_token.h"

namespace datahub::backend {
namespace {

constexpr std::size_t kIdpDocumentBytes = 256 * 1024;  // discovery, JWKS
constexpr int kIdpTimeoutMs = 10000;

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

OidcOutcome failure(std::string code, std::string why) {
  return {std::nullopt, {std::move(code), std::move(why)}};
}

std::string string_member(const nlohmann::json& doc, const char* name) {
  auto it = doc.find(name);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))).
std::string s256_challenge(const std::string& verifier) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  return outbound::base64url_encode(
      std::string_view(reinterpret_cast<const char*>(hash), sizeof hash));
}

bool lists(const nlohmann::json& doc, const char* name, const char* value) {
  auto it = doc.find(name);
  if (it == doc.end() || !it->is_array()) return false;
  for (const auto& v : *it)
    if (v.is_string() && v.get<std::string>() == value) return true;
  return false;
}

std::string fault_code(IdTokenFault fault) {
  return fault == IdTokenFault::WrongNonce ? "nonce_mismatch" : "id_token_invalid";
}

}  // namespace

OidcClient::OidcClient(OidcSettings settings, const outbound::OutboundHttp& http, Clock clock)
    : m_settings(std::move(settings)),
      m_http(http),
      m_clock(clock ? std::move(clock) : Clock(system_now)) {}

Result<nlohmann::json> OidcClient::fetch_json(const std::string& url, const char* what) const {
  auto parsed = outbound::parse_url(url);
  if (!parsed)
    return make_problem(ProblemType::UpstreamError,
                        std::string("OIDC ") + what + ": bad URL: " + parsed.problem().detail);
  outbound::OutboundRequest request;
  request.url = *parsed;
  request.headers.emplace("Accept", "application/json");
  request.max_body = kIdpDocumentBytes;
  request.timeout_ms = kIdpTimeoutMs;
  auto response = m_http.perform(std::move(request));
  if (!response) return response.problem();
  if (response->status != 200 || response->body_truncated)
    return make_problem(ProblemType::UpstreamError,
                        std::string("OIDC ") + what + ": HTTP " + std::to_string(response->status) +
                            (response->body_truncated ? " (too large)" : ""));
  auto doc = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object())
    return make_problem(ProblemType::UpstreamError,
                        std::string("OIDC ") + what + ": not a JSON object");
  return doc;
}

Result<OidcClient::Discovery> OidcClient::discovery() {
  {
    std::lock_guard lock(m_mutex);
    if (m_discovery && m_discovery->fetched_at + kDiscoveryLifetimeSeconds > now())
      return *m_discovery;
  }
  std::string issuer = m_settings.issuer;
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  auto doc = fetch_json(issuer + "/.well-known/openid-configuration", "discovery");
  if (!doc) return doc.problem();
  // OpenID Connect Discovery §4.3: the document's issuer is exactly the configured one.
  if (string_member(*doc, "issuer") != m_settings.issuer)
    return make_problem(ProblemType::UpstreamError,
                        "OIDC discovery: the issuer named is not --oidc-issuer");
  Discovery d{string_member(*doc, "authorization_endpoint"),
              string_member(*doc, "token_endpoint"),
              string_member(*doc, "jwks_uri"),
              !lists(*doc, "token_endpoint_auth_methods_supported", "client_secret_basic") &&
                  lists(*doc, "token_endpoint_auth_methods_supported", "client_secret_post"),
              lists(*doc, "scopes_supported", "groups"),
              now()};
  if (d.authorization_endpoint.empty() || d.token_endpoint.empty() || d.jwks_uri.empty())
    return make_problem(ProblemType::UpstreamError,
                        "OIDC discovery: an endpoint (authorization, token, jwks_uri) is missing");
  std::lock_guard lock(m_mutex);
  m_discovery = d;
  return d;
}

Result<std::pair<std::string, std::string>> OidcClient::begin() {
  auto d = discovery();
  if (!d) return d.problem();
  const std::string state = random_token();
  PendingSignIn pending{random_token(), random_token(), 0};
  const auto query =
      outbound::form_body({{"response_type", "code"},
                           {"client_id", m_settings.client_id},
                           {"redirect_uri", m_settings.redirect_uri},
                           {"scope", d->groups_scope ? "openid profile groups" : "openid profile"},
                           {"state", state},
                           {"nonce", pending.nonce},
                           {"code_challenge", s256_challenge(pending.code_verifier)},
                           {"code_challenge_method", "S256"}});
  const char joint = d->authorization_endpoint.find('?') == std::string::npos ? '?' : '&';
  m_pending.put(state, std::move(pending), now());
  return std::pair{d->authorization_endpoint + joint + query, state};
}

void OidcClient::forget(const std::string& state) {
  (void)m_pending.take(state, now());
}

OidcOutcome OidcClient::finish(const std::string& code, const std::string& state) {
  auto pending = m_pending.take(state, now());
  if (!pending) return failure("invalid_state", "unknown, used or expired state");
  if (code.empty()) return failure("idp_error", "the callback has no code");
  auto d = discovery();
  if (!d) return failure("idp_error", d.problem().detail);

  auto url = outbound::parse_url(d->token_endpoint);
  if (!url) return failure("idp_error", "token endpoint: bad URL");
  std::vector<std::pair<std::string, std::string>> form{{"grant_type", "authorization_code"},
                                                        {"code", code},
                                                        {"redirect_uri", m_settings.redirect_uri},
                                                        {"code_verifier", pending->code_verifier},
                                                        {"client_id", m_settings.client_id}};
  outbound::OutboundRequest request;
  request.method = "POST";
  request.url = *url;
  if (d->secret_in_body)
    form.emplace_back("client_secret", m_settings.client_secret);
  else
    request.headers.emplace("Authorization", outbound::basic_authorization(
                                                 m_settings.client_id, m_settings.client_secret));
  request.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  request.headers.emplace("Accept", "application/json");
  request.body = outbound::form_body(form);
  request.max_body = outbound::kTokenBodyBytes;
  request.max_redirects = 0;  // a POST with the client secret is not sent anywhere else
  request.timeout_ms = kIdpTimeoutMs;
  auto response = m_http.perform(std::move(request));
  if (!response) return failure("idp_error", "token endpoint: " + response.problem().detail);
  auto body = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (response->status != 200 || !body.is_object()) {
    // The OAuth error code is a fixed word of RFC 6749 §5.2; the description may echo input.
    const auto error = body.is_object() ? string_member(body, "error").substr(0, 64) : "";
    return failure("idp_error", "token endpoint: HTTP " + std::to_string(response->status) +
                                    (error.empty() ? "" : " " + error));
  }
  const auto id_token = string_member(body, "id_token");
  if (id_token.empty()) return failure("id_token_invalid", "the token response has no id_token");
  auto checked = check_token(id_token, *d, pending->nonce);
  if (!checked) return failure(fault_code(checked.fault), "ID token refused: " + checked.reason);
  return identity_of(checked.claims);
}

IdTokenCheck OidcClient::check_token(const std::string& id_token, const Discovery& d,
                                     const std::string& nonce) {
  const IdTokenExpectations expect{m_settings.issuer, m_settings.client_id, nonce, now(), 60};
  nlohmann::json jwks;
  std::int64_t refetched_at = 0;
  {
    std::lock_guard lock(m_mutex);
    jwks = m_jwks;
    refetched_at = m_jwks_refetched_at;
  }
  const bool have = !jwks.is_null();
  auto checked = have ? verify_id_token(id_token, jwks, expect)
                      : IdTokenCheck{IdTokenFault::UnknownKey, "no JWKS yet", nullptr};
  // A new kid may be a key the IdP rolled over to: fetch the JWKS again, but for unknown kids
  // not more often than every kJwksRefetchSeconds (they must not make us hammer the IdP).
  if (checked.fault != IdTokenFault::UnknownKey ||
      (have && refetched_at != 0 && refetched_at + kJwksRefetchSeconds > now()))
    return checked;
  auto fresh = fetch_json(d.jwks_uri, "JWKS");
  if (!fresh) return {IdTokenFault::UnknownKey, fresh.problem().detail, nullptr};
  {
    std::lock_guard lock(m_mutex);
    m_jwks = *fresh;
    if (have) m_jwks_refetched_at = now();
  }
  return verify_id_token(id_token, *fresh, expect);
}

OidcOutcome OidcClient::identity_of(const nlohmann::json& claims) const {
  const auto sub = string_member(claims, "sub");
  auto username = string_member(claims, "preferred_username");
  if (username.empty() || username_error(username)) username = sub;
  if (username_error(username))
    return failure("username_invalid",
                   "neither preferred_username nor sub is a valid username (letters, digits, "
                   ". _ @ -, at most 64)");
  auto display_name = string_member(claims, "name");
  if (display_name_error(display_name)) display_name.clear();
  return {OidcIdentity{m_settings.issuer + "#" + sub, username, display_name,
                       role_from_groups(m_settings, claims)},
          {}};
}

}  // namespace datahub::backend
