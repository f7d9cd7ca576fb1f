#include "outbound/pem_material.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

#include "outbound/x509_text.h"

namespace datahub::outbound {

namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Bio memory_bio(const std::string& pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// Every certificate in `pem`, in order; empty when none parses or anything else is wrong.
std::vector<Cert> read_certificates(const std::string& pem) {
  std::vector<Cert> certs;
  Bio bio = memory_bio(pem);
  while (bio) {
    Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) break;
    certs.push_back(std::move(cert));
  }
  // The loop ends at the end of the text (PEM_R_NO_START_LINE) or at a block that is broken.
  const unsigned long last = ERR_peek_last_error();
  const bool clean_end =
      ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE;
  ERR_clear_error();
  if (!clean_end) certs.clear();
  return certs;
}

// A key callback that refuses to give a passphrase: an encrypted key then fails to load.
int no_passphrase(char*, int, int, void* asked) {
  *static_cast<bool*>(asked) = true;
  return -1;
}

void check_key(const TlsSettings& tls, const std::vector<Cert>& client,
               std::vector<FieldError>& errors) {
  const auto& key_pem = tls.client_key_pem.value;
  if (!key_pem || key_pem->empty()) return;
  bool asked = false;
  Bio bio = memory_bio(*key_pem);
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, &asked));
  ERR_clear_error();
  if (!key) {
    errors.push_back(
        {"tls.client_key_pem", asked ? "is encrypted: give the key without a passphrase (it is "
                                       "encrypted at rest here)"
                                     : "is not a PEM private key that can be read"});
    return;
  }
  if (!client.empty() && X509_check_private_key(client.front().get(), key.get()) != 1) {
    ERR_clear_error();
    errors.push_back({"tls.client_key_pem", "is not the key of the client certificate"});
  }
}

}  // namespace

std::vector<FieldError> check_tls_material(const TlsSettings& tls) {
  std::vector<FieldError> errors;
  if (!tls.ca_pem.empty() && read_certificates(tls.ca_pem).empty())
    errors.push_back({"tls.ca_pem", "is not PEM certificates that can be read"});
  std::vector<Cert> client;
  if (!tls.client_cert_pem.empty()) {
    client = read_certificates(tls.client_cert_pem);
    if (client.empty())
      errors.push_back({"tls.client_cert_pem", "is not a PEM certificate that can be read"});
  }
  check_key(tls, client, errors);
  return errors;
}

nlohmann::json describe_tls_material(const TlsSettings& tls) {
  nlohmann::json out = nlohmann::json::object();
  if (!tls.ca_pem.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& cert : read_certificates(tls.ca_pem))
      list.push_back({{"subject", x509_name_text(X509_get_subject_name(cert.get()))},
                      {"not_after", asn1_time_text(X509_get0_notAfter(cert.get()))}});
    out["ca"] = std::move(list);
  }
  if (!tls.client_cert_pem.empty()) {
    auto certs = read_certificates(tls.client_cert_pem);
    if (!certs.empty()) {
      const X509* cert = certs.front().get();
      out["client_cert"] = {{"subject", x509_name_text(X509_get_subject_name(cert))},
                            {"issuer", x509_name_text(X509_get_issuer_name(cert))},
                            {"not_after", asn1_time_text(X509_get0_notAfter(cert))}};
    }
  }
  return out;
}

}  // namespace datahub::outbound
