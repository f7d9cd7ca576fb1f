// The rules for how a connector reaches the network: TLS material, proxy, retries, rate limit
// (docs/API.md, "TLS, proxy, retries and rate limit"). Whether a PEM really parses, and whether the
// key matches its certificate, is the backend's word (OpenSSL); here only what the form can
// tell at once.
#include "datahub/connector_validation.h"
#include "datahub/text.h"
#include "datahub/url.h"
#include "validation_parts.h"

namespace datahub::detail {
namespace {

std::string check_pem(std::string_view pem, std::string_view label) {
  if (pem.empty()) return {};
  if (pem.size() > kMaxPemBytes) return "must be at most 64 KiB";
  if (pem.find("-----BEGIN " + std::string(label) + "-----") == std::string_view::npos)
    return "must be PEM text starting with -----BEGIN " + std::string(label) + "-----";
  return {};
}

std::string check_key_pem(std::string_view pem) {
  if (pem.empty()) return {};
  if (pem.size() > kMaxPemBytes) return "must be at most 64 KiB";
  if (pem.find("ENCRYPTED") != std::string_view::npos)
    return "is encrypted: give the key without a passphrase (it is encrypted at rest here)";
  if (pem.find("-----BEGIN ") == std::string_view::npos ||
      pem.find("PRIVATE KEY-----") == std::string_view::npos)
    return "must be a PEM private key (-----BEGIN PRIVATE KEY-----)";
  return {};
}

void validate_tls(const TlsSettings& tls, std::vector<FieldError>& errors) {
  add_error(errors, "tls.ca_pem", check_pem(tls.ca_pem, "CERTIFICATE"));
  add_error(errors, "tls.client_cert_pem", check_pem(tls.client_cert_pem, "CERTIFICATE"));
  const auto& key = tls.client_key_pem;
  if (!tls.client_cert_pem.empty() && !key.present())
    add_error(errors, "tls.client_key_pem", "is required with a client certificate");
  else if (key.value)
    add_error(errors, "tls.client_key_pem", check_key_pem(*key.value));
}

void validate_proxy(const ProxySettings& proxy, std::vector<FieldError>& errors) {
  if (proxy.mode != ProxyMode::Custom) return;
  add_error(errors, "proxy.url", check_proxy_url(proxy.url));
  add_error(errors, "proxy.username", check_plain_text(proxy.username));
  if (proxy.username.find(':') != std::string::npos)
    add_error(errors, "proxy.username", "must not contain ':'");
  if (proxy.password.value)
    add_error(errors, "proxy.password", check_plain_text(*proxy.password.value));
}

std::string check_rate(double value) {
  if (!(value >= 0) || value > kMaxRequestsPerSecond) return "must be between 0 and 10000";
  return {};
}

}  // namespace

void validate_transport(const Connector& c, std::vector<FieldError>& errors) {
  validate_tls(c.tls, errors);
  validate_proxy(c.proxy, errors);
  if (c.retry.max_attempts < 1 || c.retry.max_attempts > kMaxAttempts)
    add_error(errors, "retry.max_attempts", "must be between 1 and 5");
  add_error(errors, "rate_limit.requests_per_second", check_rate(c.rate_limit.requests_per_second));
  add_error(errors, "rate_limit.burst", check_rate(c.rate_limit.burst));
}

}  // namespace datahub::detail
