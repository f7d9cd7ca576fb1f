// Encodings of the token request: application/x-www-form-urlencoded and Base64.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace datahub::outbound {

// application/x-www-form-urlencoded as RFC 6749 Appendix B asks (the HTML rules): letters,
// digits and "*-._" stay, a space becomes '+', every other byte becomes %XX.
std::string form_urlencode(std::string_view text);

// name=value pairs joined with '&', both sides form-encoded.
std::string form_body(const std::vector<std::pair<std::string, std::string>>& params);

std::string base64_encode(std::string_view bytes);

// RFC 6749 §2.3.1: "Basic " + base64(form_urlencode(id) ":" form_urlencode(secret)).
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

}  // namespace datahub::outbound
