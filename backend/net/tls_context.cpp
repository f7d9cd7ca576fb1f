#include "net/tls_context.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace datahub::backend {
namespace {

// The first error OpenSSL queued, in its words; the queue is left empty.
std::string openssl_error(unsigned long code) {
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

std::string openssl_error() {
  return openssl_error(ERR_peek_error());
}

// Why a key file could not be used, in the words an operator needs.
std::string key_problem(const std::string& key_path) {
  const unsigned long code = ERR_peek_error();
  const int reason = ERR_GET_REASON(code);
  const std::string prefix = "--tls-key " + key_path;
  const std::string detail = openssl_error(code);
  if (reason == X509_R_KEY_VALUES_MISMATCH)
    return prefix + " does not belong to the certificate of --tls-cert";
  if (reason == EVP_R_BAD_DECRYPT || reason == PEM_R_BAD_PASSWORD_READ)
    return prefix + " is encrypted: give the server an unencrypted key file";
  return prefix + ": no PEM private key could be read (" + detail + ")";
}

// OpenSSL would ask on the terminal for an encrypted key's passphrase: refuse instead.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

}  // namespace

std::shared_ptr<TlsContext> TlsContext::load(const std::string& cert_path,
                                             const std::string& key_path, std::string& error) {
  ERR_clear_error();
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) {
    error = "TLS is not available: " + openssl_error();
    return nullptr;
  }
  auto context = std::shared_ptr<TlsContext>(new TlsContext(ctx));
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  // No renegotiation (a client-driven CPU sink), no compression (CRIME).
  SSL_CTX_set_options(
      ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Writes may be retried from a buffer httplib has moved on; partial writes are fine.
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // TLS 1.2 with forward secrecy and AEAD only (TLS 1.3's suites are all of that kind).
  SSL_CTX_set_cipher_list(ctx,
                          "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                          "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                          "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  SSL_CTX_set_default_passwd_cb(ctx, no_passphrase);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != 1) {
    error =
        "--tls-cert " + cert_path + ": no PEM certificate could be read (" + openssl_error() + ")";
    return nullptr;
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key_path.c_str(), SSL_FILETYPE_PEM) != 1) {
    error = key_problem(key_path);
    return nullptr;
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    error = "--tls-key " + key_path + " does not belong to the certificate of --tls-cert";
    ERR_clear_error();
    return nullptr;
  }
  return context;
}

TlsContext::~TlsContext() {
  SSL_CTX_free(m_ctx);
}

SSL* TlsContext::new_session(int sock) const {
  SSL* ssl = SSL_new(m_ctx);
  if (ssl == nullptr) return nullptr;
  if (SSL_set_fd(ssl, sock) != 1) {
    SSL_free(ssl);
    return nullptr;
  }
  SSL_set_accept_state(ssl);
  return ssl;
}

}  // namespace datahub::backend
