// The URL a connector request goes to: the connector's base URL, a caller's path below it and
// a query. The host always comes from the base URL.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "datahub/result.h"
#include "outbound/url.h"

namespace datahub::outbound {

// Empty when the path is fine, else why not. A path starts with '/', stays below the base
// (no "." or ".." segments, judged after decoding every %XX, so "%2e" is a dot and "%2f" a
// slash, and with any ";parameters" dropped, as Tomcat does), and cannot name another host
// ("//evil", "http://..."): no backslash (also as %5C), fragment or control characters either.
std::string check_request_path(std::string_view path);

// base_url + path + query. The base's trailing '/' and the path's leading '/' become one;
// an empty path means the base URL itself. Characters a URL cannot carry as they are
// (space, non-ASCII, '"', ...) are percent-encoded; existing %XX escapes stay. Query values
// are percent-encoded and appended after any query in the base or the path.
// Problems: Validation, with the field "path" or "base_url".
Result<Url> build_request_url(std::string_view base_url, std::string_view path,
                              const std::map<std::string, std::string>& query = {});

}  // namespace datahub::outbound
