// What the server says of a connector's certificates (docs/API.md, "TLS, proxy, retries and rate
// limit": the response's tls.ca and tls.client_cert, a test step's tls), and how soon each
// expires. The browser has no X.509 parser: these descriptions are the backend's (OpenSSL).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace datahub::web {

struct CertificateInfo {
  std::string subject;
  std::string issuer;     // empty where the API gives none (a CA's)
  std::string not_after;  // RFC 3339 UTC
};

// The stored PEMs' certificates, as the last GET or save answered.
struct StoredCertificates {
  std::vector<CertificateInfo> ca;
  std::optional<CertificateInfo> client_cert;
};

// docs/UI.md: amber within 30 days of expiry, red once expired.
enum class Expiry { Valid, Soon, Expired, Unknown };
inline constexpr std::chrono::hours kExpirySoon{24 * 30};

Expiry ExpiryOf(const std::string& not_after, std::chrono::system_clock::time_point now);

// "expires 2027-03-01 12:00 UTC", "expires 2027-03-01 12:00 UTC (in 12 days)",
// "expired 2026-01-01 12:00 UTC".
std::string ExpiryText(const std::string& not_after, std::chrono::system_clock::time_point now);

}  // namespace datahub::web
