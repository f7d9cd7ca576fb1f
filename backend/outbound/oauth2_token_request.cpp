#include "outbound/oauth2_token_request.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "outbound/client_assertion.h"
#include "outbound/form_encoding.h"

namespace datahub::outbound {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

const std::string& secret_of(const WriteOnly& w) {
  static const std::string kEmpty;
  return w.value ? *w.value : kEmpty;
}

bool uses_basic(const OAuth2Settings& s) {
  return s.client_authentication == ClientAuthentication::Basic &&
         !secret_of(s.client_secret).empty();
}

void add_if_set(Params& params, const char* name, const std::string& value) {
  if (!value.empty()) params.emplace_back(name, value);
}

bool has_param(const Params& params, const std::string& name) {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}

}  // namespace

Params token_parameters(const OAuth2Settings& s, const std::string& client_assertion) {
  Params params;
  params.emplace_back("grant_type", to_string(s.grant_type));
  if (s.grant_type == GrantType::Password) {
    params.emplace_back("username", s.username);
    params.emplace_back("password", secret_of(s.password));
  }
  if (s.client_authentication == ClientAuthentication::PrivateKeyJwt) {
    add_if_set(params, "client_id", s.client_id);
    params.emplace_back("client_assertion_type", kJwtBearerAssertionType);
    params.emplace_back("client_assertion", client_assertion);
  } else if (!uses_basic(s)) {
    add_if_set(params, "client_id", s.client_id);
    add_if_set(params, "client_secret", secret_of(s.client_secret));
  }
  add_if_set(params, "scope", s.scope);
  add_if_set(params, "audience", s.audience);
  add_if_set(params, "resource", s.resource);
  for (const auto& [name, value] : s.extra_params)
    if (!has_param(params, name)) params.emplace_back(name, value);
  return params;
}

TokenRequest build_token_request(const OAuth2Settings& settings,
                                 const std::string& client_assertion) {
  TokenRequest request;
  auto params = token_parameters(settings, client_assertion);
  if (settings.token_request_format == TokenRequestFormat::Json) {
    nlohmann::json body = nlohmann::json::object();
    for (const auto& [name, value] : params) body[name] = value;
    request.content_type = "application/json";
    request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    request.content_type = "application/x-www-form-urlencoded";
    request.body = form_body(params);
  }
  request.headers.emplace_back("Accept", "application/json");
  if (uses_basic(settings))
    request.headers.emplace_back(
        "Authorization",
        basic_authorization(settings.client_id, secret_of(settings.client_secret)));
  return request;
}

Result<TokenRequest> prepare_token_request(const OAuth2Settings& settings) {
  if (settings.client_authentication != ClientAuthentication::PrivateKeyJwt)
    return build_token_request(settings);
  auto assertion = make_client_assertion(settings, std::time(nullptr));
  if (!assertion) return assertion.problem();
  return build_token_request(settings, *assertion);
}

}  // namespace datahub::outbound
