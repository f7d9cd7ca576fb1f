// Percent-encoding, written once for the browser (list queries, ids in paths) and the server
// (proxied query strings, token requests). The two forms differ only in what stays as it is.
#pragma once

#include <string>
#include <string_view>

namespace datahub {

// RFC 3986 §2.1: every byte but the unreserved characters (letters, digits, "-._~") as %XX.
std::string percent_encode(std::string_view text);

// application/x-www-form-urlencoded as RFC 6749 Appendix B asks (the HTML rules): letters,
// digits and "*-._" stay, a space becomes '+', every other byte becomes %XX.
std::string form_urlencode(std::string_view text);

// Every "%XX" (hex in either case) as its byte; anything else, a lone '%' included, as it is.
std::string percent_decode(std::string_view text);

}  // namespace datahub
