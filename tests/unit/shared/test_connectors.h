// Connectors and helpers the shared tests build on: each test starts from a valid connector and
// breaks exactly what it is about.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "datahub/connector.h"
#include "datahub/problem.h"

namespace datahub::testing {

inline Connector valid_connector() {
  Connector c;
  c.name = "ERP production";
  c.base_url = "https://erp.example.com/api/v2";
  c.headers.push_back({"X-Tenant", WriteOnly{std::string("acme"), false}, false});
  return c;
}

inline Connector valid_oauth2_connector(GrantType grant = GrantType::ClientCredentials) {
  Connector c = valid_connector();
  c.auth.method = AuthMethod::OAuth2;
  auto& o = c.auth.oauth2;
  o.grant_type = grant;
  o.token_url = "https://idp.example.com/oauth/token";
  o.client_id = "hub";
  o.client_secret.value = "s3cret-value";
  if (grant == GrantType::Password) {
    o.username = "svc-hub";
    o.password.value = "pa55word";
  }
  return c;
}

inline Header secret_header(std::string name, std::optional<std::string> value) {
  return {std::move(name), WriteOnly{std::move(value), false}, true};
}

// The message for `field`, or nothing when the field is not reported.
inline std::optional<std::string> message_for(const std::vector<FieldError>& errors,
                                              const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return std::nullopt;
}

inline std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

}  // namespace datahub::testing
