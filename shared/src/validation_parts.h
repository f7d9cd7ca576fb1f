// The parts of validate() (internal): each appends the broken fields of its section.
#pragma once

#include <string>
#include <vector>

#include "datahub/connector.h"
#include "datahub/problem.h"

namespace datahub::detail {

// Appends {field, message} unless the message is empty (the rule passed).
inline void add_error(std::vector<FieldError>& errors, std::string field, std::string message) {
  if (!message.empty()) errors.push_back({std::move(field), std::move(message)});
}

void validate_headers(const Connector& c, std::vector<FieldError>& errors);
void validate_oauth2(const OAuth2Settings& o, std::vector<FieldError>& errors);
// private_key_jwt, the token response fields and expiry (oauth2_options_validation.cpp).
void validate_oauth2_options(const OAuth2Settings& o, std::vector<FieldError>& errors);
// api_key, basic and bearer (auth_validation.cpp); nothing for the other methods.
void validate_static_auth(const AuthSettings& auth, std::vector<FieldError>& errors);
void validate_transport(const Connector& c, std::vector<FieldError>& errors);

}  // namespace datahub::detail
