#include "outbound/form_encoding.h"

#include <openssl/evp.h>

#include "datahub/url_encoding.h"

namespace datahub::outbound {

std::string form_body(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += form_urlencode(name) + "=" + form_urlencode(value);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string basic_authorization(std::string_view client_id, std::string_view client_secret) {
  return "Basic " + base64_encode(form_urlencode(client_id) + ":" + form_urlencode(client_secret));
}

}  // namespace datahub::outbound
