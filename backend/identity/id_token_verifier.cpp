#include "identity/id_token_verifier.h"

#include <cjose/cjose.h>

#include <memory>

#include "outbound/base64url.h"

namespace datahub::backend {
namespace {

struct JwsFree {
  void operator()(cjose_jws_t* j) const { cjose_jws_release(j); }
};
struct JwkFree {
  void operator()(cjose_jwk_t* k) const { cjose_jwk_release(k); }
};

IdTokenCheck fail(IdTokenFault fault, std::string reason) {
  return {fault, std::move(reason), nullptr};
}

// One base64url part of the compact form as a JSON object, or null.
nlohmann::json json_part(std::string_view part) {
  auto bytes = outbound::base64url_decode(part);
  if (!bytes) return nullptr;
  auto doc = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  return doc.is_object() ? doc : nlohmann::json();
}

std::string string_or_empty(const nlohmann::json& obj, const char* name) {
  auto it = obj.find(name);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whether a JWK may check a signature of `alg`: RSA for RS256/PS256, EC P-256 for ES256, not
// marked for encryption, and of that alg when it names one.
bool key_fits(const nlohmann::json& key, const std::string& alg) {
  if (!key.is_object() || string_or_empty(key, "use") == "enc") return false;
  if (const auto named = string_or_empty(key, "alg"); !named.empty() && named != alg) return false;
  const auto kty = string_or_empty(key, "kty");
  if (alg == "ES256") return kty == "EC" && string_or_empty(key, "crv") == "P-256";
  return kty == "RSA";
}

// The key of `jwks` for the token's kid and alg. Without a kid, the one key that fits (several:
// none, the IdP must name it).
const nlohmann::json* find_key(const nlohmann::json& jwks, const std::string& kid,
                               const std::string& alg) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) return nullptr;
  const nlohmann::json* only = nullptr;
  int fitting = 0;
  for (const auto& key : jwks["keys"]) {
    if (!key_fits(key, alg)) continue;
    if (!kid.empty() && string_or_empty(key, "kid") == kid) return &key;
    if (kid.empty()) ++fitting, only = &key;
  }
  return fitting == 1 ? only : nullptr;
}

bool check_signature(std::string_view token, const nlohmann::json& key, std::string& why) {
  cjose_err err{};
  const std::string key_text = key.dump();
  std::unique_ptr<cjose_jwk_t, JwkFree> jwk(
      cjose_jwk_import(key_text.data(), key_text.size(), &err));
  if (!jwk) {
    why = std::string("the JWKS key does not import: ") + (err.message ? err.message : "?");
    return false;
  }
  std::unique_ptr<cjose_jws_t, JwsFree> jws(cjose_jws_import(token.data(), token.size(), &err));
  if (!jws) {
    why = std::string("the token is not a JWS: ") + (err.message ? err.message : "?");
    return false;
  }
  if (!cjose_jws_verify(jws.get(), jwk.get(), &err)) {
    why = "the signature does not verify";
    return false;
  }
  return true;
}

bool audience_holds(const nlohmann::json& claims, const std::string& client_id) {
  const auto aud = claims.find("aud");
  if (aud == claims.end()) return false;
  if (aud->is_string()) return aud->get<std::string>() == client_id;
  if (!aud->is_array()) return false;
  bool found = false;
  for (const auto& a : *aud) found = found || (a.is_string() && a.get<std::string>() == client_id);
  // Several audiences: azp must name this client (Core §3.1.3.7 items 4-5).
  if (found && aud->size() > 1) return string_or_empty(claims, "azp") == client_id;
  return found;
}

IdTokenCheck check_claims(nlohmann::json claims, const IdTokenExpectations& expect) {
  if (string_or_empty(claims, "iss") != expect.issuer)
    return fail(IdTokenFault::WrongIssuer, "iss is not the configured issuer");
  if (!audience_holds(claims, expect.client_id))
    return fail(IdTokenFault::WrongAudience, "aud (or azp) does not name this client");
  const auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number())
    return fail(IdTokenFault::Expired, "exp is missing");
  if (exp->get<double>() + static_cast<double>(expect.leeway_seconds) <=
      static_cast<double>(expect.now))
    return fail(IdTokenFault::Expired, "the token has expired");
  if (!claims.contains("iat") || !claims["iat"].is_number())
    return fail(IdTokenFault::NoIssuedAt, "iat is missing");
  if (!claims.contains("nonce") || !claims["nonce"].is_string())
    return fail(IdTokenFault::WrongNonce, "nonce is missing");
  if (expect.nonce.empty() || claims["nonce"].get<std::string>() != expect.nonce)
    return fail(IdTokenFault::WrongNonce, "nonce is not the one sent");
  if (string_or_empty(claims, "sub").empty())
    return fail(IdTokenFault::NoSubject, "sub is missing");
  return {IdTokenFault::None, "", std::move(claims)};
}

}  // namespace

IdTokenCheck verify_id_token(std::string_view token, const nlohmann::json& jwks,
                             const IdTokenExpectations& expect) {
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == token.npos ? token.npos : token.find('.', dot1 + 1);
  if (dot2 == token.npos || token.find('.', dot2 + 1) != token.npos)
    return fail(IdTokenFault::Malformed, "not a compact JWS (three parts)");
  const auto header = json_part(token.substr(0, dot1));
  const auto claims = json_part(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (header.is_null() || claims.is_null())
    return fail(IdTokenFault::Malformed, "the header or the claims are not a JSON object");
  // The alg is decided here, before any key is used: "none" and HS* (keyed with the client
  // secret) never reach the signature check.
  const auto alg = string_or_empty(header, "alg");
  if (alg != "RS256" && alg != "PS256" && alg != "ES256")
    return fail(IdTokenFault::UnsupportedAlg, "alg \"" + alg.substr(0, 16) + "\" is not accepted");
  const auto kid = string_or_empty(header, "kid");
  const auto* key = find_key(jwks, kid, alg);
  if (!key)
    return fail(IdTokenFault::UnknownKey, "no JWKS key for kid \"" + kid.substr(0, 64) + "\"");
  std::string why;
  if (!check_signature(token, *key, why)) return fail(IdTokenFault::BadSignature, why);
  return check_claims(claims, expect);
}

}  // namespace datahub::backend
