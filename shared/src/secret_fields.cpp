#include "datahub/secret_fields.h"

#include <array>

namespace datahub {
namespace {

bool uses_oauth2(const Connector& c) {
  return c.auth.method == AuthMethod::OAuth2;
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
