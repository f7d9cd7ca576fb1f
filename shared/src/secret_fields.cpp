#include "datahub/secret_fields.h"

#include <array>

namespace datahub {
namespace {

bool uses_oauth2(const Connector& c) {
  return c.auth.method == AuthMethod::OAuth2;
}
bool uses_api_key(const Connector& c) {
  return c.auth.method == AuthMethod::ApiKey;
}
bool uses_basic(const Connector& c) {
  return c.auth.method == AuthMethod::Basic;
}
bool uses_bearer(const Connector& c) {
  return c.auth.method == AuthMethod::Bearer;
}
bool has_client_certificate(const Connector& c) {
  return !c.tls.client_cert_pem.empty();
}
bool has_custom_proxy(const Connector& c) {
  return c.proxy.mode == ProxyMode::Custom;
}

constexpr std::array kSecretFields{
    SecretField{"auth.client_secret", "client_secret_set",
                [](Connector& c) -> WriteOnly& { return c.auth.oauth2.client_secret; }, uses_oauth2,
                SecretBinding::TokenOrigin},
    // Any stored password, whatever the grant: a later edit could switch to the password grant.
    SecretField{"auth.password", "password_set",
                [](Connector& c) -> WriteOnly& { return c.auth.oauth2.password; }, uses_oauth2,
                SecretBinding::TokenOrigin},
    // Kept whatever the client authentication, as the password whatever the grant. The
    // assertion it signs is addressed to the token URL, so it follows that origin.
    SecretField{"auth.private_key", "private_key_set",
                [](Connector& c) -> WriteOnly& { return c.auth.oauth2.private_key; }, uses_oauth2,
                SecretBinding::TokenOrigin},
    // The static methods' secrets go to the base URL with every request. Basic's password
    // shares OAuth2's name: the JSON reader gives it to the row in use.
    SecretField{"auth.value", "value_set",
                [](Connector& c) -> WriteOnly& { return c.auth.api_key.value; }, uses_api_key,
                SecretBinding::BaseOrigin},
    SecretField{"auth.password", "password_set",
                [](Connector& c) -> WriteOnly& { return c.auth.basic.password; }, uses_basic,
                SecretBinding::BaseOrigin},
    SecretField{"auth.token", "token_set",
                [](Connector& c) -> WriteOnly& { return c.auth.bearer.token; }, uses_bearer,
                SecretBinding::BaseOrigin},
    SecretField{"tls.client_key_pem", "client_key_set",
                [](Connector& c) -> WriteOnly& { return c.tls.client_key_pem; },
                has_client_certificate, SecretBinding::Local},
    SecretField{"proxy.password", "password_set",
                [](Connector& c) -> WriteOnly& { return c.proxy.password; }, has_custom_proxy,
                SecretBinding::ProxyOrigin},
};

}  // namespace

std::span<const SecretField> secret_fields() {
  return kSecretFields;
}

}  // namespace datahub
