#include "outbound/static_auth.h"

#include "datahub/url_encoding.h"
#include "outbound/form_encoding.h"

namespace datahub::outbound {
namespace {

void set_header(OutboundRequest& request, const std::string& name, const std::string& value) {
  request.headers.erase(name);
  request.headers.emplace(name, value);
  request.origin_bound_headers.push_back(name);
}

std::string query_pair(const ApiKeySettings& key, std::string_view value) {
  return percent_encode(key.name) + "=" + std::string(value);
}

// RFC 7617 §2: the user-pass in UTF-8 (the only charset it allows), then base64.
std::string basic_credentials(const BasicSettings& basic) {
  return base64_encode(basic.username + ":" + basic.password.value.value_or(""));
}

}  // namespace

void apply_static_auth(const Connector& connector, OutboundRequest& request) {
  const auto& auth = connector.auth;
  switch (auth.method) {
    case AuthMethod::ApiKey: {
      const auto& value = auth.api_key.value.value.value_or("");
      if (auth.api_key.in == ApiKeyLocation::Header) {
        set_header(request, auth.api_key.name, value);
      } else {
        auto& target = request.url.target;
        const auto pair = query_pair(auth.api_key, percent_encode(value));
        const auto q = target.find('?');
        target += q == std::string::npos ? "?" : q + 1 == target.size() ? "" : "&";
        target += pair;
      }
      break;
    }
    case AuthMethod::Basic:
      set_header(request, "Authorization", "Basic " + basic_credentials(auth.basic));
      break;
    case AuthMethod::Bearer:
      set_header(request, "Authorization", "Bearer " + auth.bearer.token.value.value_or(""));
      break;
    case AuthMethod::None:
    case AuthMethod::OAuth2:
      break;
  }
}

void add_static_auth_secrets(const Connector& connector, SecretScrubber& scrubber) {
  const auto& auth = connector.auth;
  if (auth.method == AuthMethod::ApiKey && auth.api_key.value.present()) {
    const auto& value = *auth.api_key.value.value;
    scrubber.add(percent_encode(value));
    scrubber.add(form_urlencode(value));
  }
  if (auth.method == AuthMethod::Basic && auth.basic.password.present())
    scrubber.add(basic_credentials(auth.basic));
}

std::string shown_url(const Connector& connector, const Url& url) {
  const auto& key = connector.auth.api_key;
  Url shown = url;
  if (connector.auth.method == AuthMethod::ApiKey && key.in == ApiKeyLocation::Query &&
      key.value.present()) {
    // The key is the last parameter (apply_static_auth appends it).
    const auto sent = query_pair(key, percent_encode(*key.value.value));
    auto& target = shown.target;
    if (const auto at = target.rfind(sent); at != std::string::npos)
      target.replace(at, sent.size(), query_pair(key, "***"));
  }
  return shown.to_string();
}

}  // namespace datahub::outbound
