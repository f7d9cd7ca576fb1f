// A token endpoint's answer as a test result may show it: the tokens it issued as "***".
#pragma once

#include <string>
#include <string_view>

namespace datahub::outbound {

// A JSON body with the string value of every access_token, refresh_token and id_token member
// (at any depth: some endpoints nest the token) as "***", written back compactly. A body that
// is not JSON, or was cut (`truncated`), is returned as it is: it holds no token the client
// could use, and the caller's scrubber still masks the secrets it knows.
// `token_field` (an RFC 6901 pointer: the connector's token_field) masks a token kept under
// another name too, e.g. /data/token.
std::string redacted_token_body(std::string_view body, bool truncated,
                                const std::string& token_field = {});

}  // namespace datahub::outbound
