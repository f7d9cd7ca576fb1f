// The authentication methods in one table: each method's contract name and the header it
// owns. The JSON reader's "expected one of" message, the header rules and the outbound request
// read it, so a new method is a row here plus what is truly its own (fields, sending).
#pragma once

#include <span>
#include <string>

#include "datahub/connector.h"

namespace datahub {

struct AuthMethodInfo {
  AuthMethod method;
  const char* name;         // auth.method in the contract
  bool sets_authorization;  // the method writes Authorization: a custom one is refused
  const char* sets_header;  // why its header is refused, for messages: "the token sets it"
};

std::span<const AuthMethodInfo> auth_methods();
const AuthMethodInfo& auth_method_info(AuthMethod method);

// "none, oauth2, api_key, basic, bearer": the accepted names, for messages.
std::string auth_method_names();

// The header name the connector's authentication sends ("Authorization", the api_key's header
// name), or "" when it sends none: a custom header of that name would be overwritten or sent
// twice, so it is refused.
std::string auth_reserved_header(const AuthSettings& auth);

// "cannot be set while auth.method is oauth2 (the token sets it)": for a custom header that
// auth_reserved_header() owns.
std::string auth_reserved_message(AuthMethod method);

}  // namespace datahub
