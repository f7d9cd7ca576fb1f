// Encodings of the token request: form bodies (datahub/url_encoding.h) and Base64.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace datahub::outbound {

// name=value pairs joined with '&', both sides form-encoded.
std::string form_body(const std::vector<std::pair<std::string, std::string>>& params);

std::string base64_encode(std::string_view bytes);

// RFC 6749 §2.3.1: "Basic " + base64(form_urlencode(id) ":" form_urlencode(secret)).
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

}  // namespace datahub::outbound
