// The rules for how a connector reaches the network: TLS material, proxy, retries, rate limit
// (docs/API.md, "TLS, proxy, retries and rate limit"). Whether a PEM really parses, and whether the
// key matches its certificate, is the backend's word (OpenSSL); here only what the form can
// tell at once.
#include "datahub/connector_validation.h"
#include "datahub/limit_text.h"
#include "datahub/text.h"
#include "datahub/url.h"
#include "validation_parts.h"

namespace datahub::detail {
namespace {

std::string check_pem(std::string_view pem, std::string_view label) {
  if (pem.empty()) return {};
  if (pem.size() > kMaxPemBytes) return "must be at most " + byte_size_text(kMaxPemBytes);
  if (pem.find("-----BEGIN " + std::string(label) + "-----") == std::string_view::npos)
    return "must be PEM text starting with -----BEGIN " + std::string(label) + "-----";
  // Only certificates: this text is shown back and stored in clear, so a private key pasted
  // along with its certificate (a common combined file) must not be kept here.
  const std::string wanted = "-----BEGIN " + std::string(label) + "-----";
  for (auto at = pem.find("-----BEGIN "); at != std::string_view::npos;
       at = pem.find("-----BEGIN ", at + 1)) {
    if (pem.compare(at, wanted.size(), wanted) != 0)
      return "must hold only certificates (a private key goes in Client key, which is kept "
             "secret)";
  }
  return {};
}

void validate_tls(const TlsSettings& tls, std::vector<FieldError>& errors) {
  add_error(errors, "tls.ca_pem", check_pem(tls.ca_pem, "CERTIFICATE"));
  add_error(errors, "tls.client_cert_pem", check_pem(tls.client_cert_pem, "CERTIFICATE"));
  const auto& key = tls.client_key_pem;
  if (!tls.client_cert_pem.empty() && !key.present())
    add_error(errors, "tls.client_key_pem", "is required with a client certificate");
  else if (tls.client_cert_pem.empty() && key.value && !key.value->empty())
    add_error(errors, "tls.client_key_pem", "needs its client certificate (Client certificate)");
  else if (key.value)
    add_error(errors, "tls.client_key_pem", check_private_key_pem(*key.value));
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
  if (!(value >= 0) || value > kMaxRequestsPerSecond)
    return must_be_between(0, static_cast<long long>(kMaxRequestsPerSecond));
  return {};
}

}  // namespace

void validate_transport(const Connector& c, std::vector<FieldError>& errors) {
  validate_tls(c.tls, errors);
  validate_proxy(c.proxy, errors);
  if (c.retry.max_attempts < 1 || c.retry.max_attempts > kMaxAttempts)
    add_error(errors, "retry.max_attempts", must_be_between(1, kMaxAttempts));
  add_error(errors, "rate_limit.requests_per_second", check_rate(c.rate_limit.requests_per_second));
  add_error(errors, "rate_limit.burst", check_rate(c.rate_limit.burst));
  // A bucket smaller than one request never fills enough for one: every call would be refused.
  if (c.rate_limit.burst > 0 && c.rate_limit.burst < 1)
    add_error(errors, "rate_limit.burst", "must be 0 (the rate) or at least 1");
}

}  // namespace datahub::detail

namespace datahub {

std::string check_private_key_pem(std::string_view pem) {
  if (pem.empty()) return {};
  if (pem.size() > kMaxPemBytes) return "must be at most " + byte_size_text(kMaxPemBytes);
  if (pem.find("ENCRYPTED") != std::string_view::npos)
    return "is encrypted: give the key without a passphrase (it is encrypted at rest here)";
  if (pem.find("-----BEGIN ") == std::string_view::npos ||
      pem.find("PRIVATE KEY-----") == std::string_view::npos)
    return "must be a PEM private key (-----BEGIN PRIVATE KEY-----)";
  return {};
}

}  // namespace datahub
