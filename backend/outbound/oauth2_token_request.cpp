#include "outbound/oauth2_token_request.h"

#include <algorithm>
#include <array>
#include <ctime>

#include <nlohmann/json.hpp>

#include "outbound/client_assertion.h"
#include "outbound/form_encoding.h"

namespace datahub::outbound {

namespace {

const std::string& secret_of(const WriteOnly& w) {
  static const std::string kEmpty;
  return w.value ? *w.value : kEmpty;
}

bool uses_basic(const OAuth2Settings& s) {
  return s.client_authentication == ClientAuthentication::Basic &&
         !secret_of(s.client_secret).empty();
}

void add_if_set(TokenParams& params, const char* name, const std::string& value) {
  if (!value.empty()) params.emplace_back(name, value);
}

bool has_param(const TokenParams& params, const std::string& name) {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}

void append(TokenParams& params, const TokenParams& more) {
  params.insert(params.end(), more.begin(), more.end());
}

bool is_secret_param(const std::string& name) {
  static constexpr std::array<std::string_view, 4> kSecret = {"client_secret", "client_assertion",
                                                              "password", "refresh_token"};
  return std::find(kSecret.begin(), kSecret.end(), name) != kSecret.end();
}

std::string encoded_body(const OAuth2Settings& settings, const TokenParams& params) {
  if (settings.token_request_format == TokenRequestFormat::Json) {
    nlohmann::json body = nlohmann::json::object();
    for (const auto& [name, value] : params) body[name] = value;
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return form_body(params);
}

TokenRequest encoded_request(const OAuth2Settings& settings, const TokenParams& params,
                             const ClientAuth& auth) {
  TokenRequest request;
  request.grant = params.front().second;
  request.content_type = settings.token_request_format == TokenRequestFormat::Json
                             ? "application/json"
                             : "application/x-www-form-urlencoded";
  request.body = encoded_body(settings, params);
  TokenParams shown = params;
  for (auto& [name, value] : shown)
    if (is_secret_param(name)) value = "***";
  request.redacted_body = encoded_body(settings, shown);
  request.headers.emplace_back("Accept", "application/json");
  request.headers.insert(request.headers.end(), auth.headers.begin(), auth.headers.end());
  return request;
}

// A fresh signed assertion for private_key_jwt, "" for the other client authentications.
Result<std::string> assertion_for(const OAuth2Settings& settings) {
  if (settings.client_authentication != ClientAuthentication::PrivateKeyJwt) return std::string{};
  return make_client_assertion(settings, std::time(nullptr));
}

}  // namespace

ClientAuth client_authentication(const OAuth2Settings& s, const std::string& client_assertion) {
  ClientAuth auth;
  if (s.client_authentication == ClientAuthentication::PrivateKeyJwt) {
    add_if_set(auth.body, "client_id", s.client_id);
    auth.body.emplace_back("client_assertion_type", kJwtBearerAssertionType);
    auth.body.emplace_back("client_assertion", client_assertion);
  } else if (uses_basic(s)) {
    auth.headers.emplace_back("Authorization",
                              basic_authorization(s.client_id, secret_of(s.client_secret)));
  } else {
    add_if_set(auth.body, "client_id", s.client_id);
    add_if_set(auth.body, "client_secret", secret_of(s.client_secret));
  }
  return auth;
}

TokenParams token_parameters(const OAuth2Settings& s, const std::string& client_assertion) {
  TokenParams params;
  params.emplace_back("grant_type", to_string(s.grant_type));
  if (s.grant_type == GrantType::Password) {
    params.emplace_back("username", s.username);
    params.emplace_back("password", secret_of(s.password));
  }
  append(params, client_authentication(s, client_assertion).body);
  add_if_set(params, "scope", s.scope);
  add_if_set(params, "audience", s.audience);
  add_if_set(params, "resource", s.resource);
  for (const auto& [name, value] : s.extra_params)
    if (!has_param(params, name)) params.emplace_back(name, value);
  return params;
}

TokenParams refresh_parameters(const OAuth2Settings& s, const std::string& refresh_token,
                               const std::string& client_assertion) {
  TokenParams params = {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}};
  append(params, client_authentication(s, client_assertion).body);
  return params;
}

TokenRequest build_token_request(const OAuth2Settings& settings,
                                 const std::string& client_assertion) {
  auto request = encoded_request(settings, token_parameters(settings, client_assertion),
                                 client_authentication(settings, client_assertion));
  request.client_assertion = client_assertion;
  return request;
}

TokenRequest build_refresh_request(const OAuth2Settings& settings, const std::string& refresh_token,
                                   const std::string& client_assertion) {
  auto request =
      encoded_request(settings, refresh_parameters(settings, refresh_token, client_assertion),
                      client_authentication(settings, client_assertion));
  request.client_assertion = client_assertion;
  return request;
}

Result<TokenRequest> prepare_token_request(const OAuth2Settings& settings) {
  auto assertion = assertion_for(settings);
  if (!assertion) return assertion.problem();
  return build_token_request(settings, *assertion);
}

Result<TokenRequest> prepare_refresh_request(const OAuth2Settings& settings,
                                             const std::string& refresh_token) {
  auto assertion = assertion_for(settings);
  if (!assertion) return assertion.problem();
  return build_refresh_request(settings, refresh_token, *assertion);
}

}  // namespace datahub::outbound
