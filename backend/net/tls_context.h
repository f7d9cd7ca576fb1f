// The server's own certificate and key for HTTPS (--tls-cert, --tls-key), loaded once at start
// with OpenSSL, and a TLS session for each accepted connection. The handshake itself is driven
// by ConnectionStream, so a slow one holds no worker (see HeadWaiter).
#pragma once

#include <memory>
#include <string>

#include <openssl/ssl.h>

namespace datahub::backend {

class TlsContext {
 public:
  // Loads a PEM certificate chain (the server's certificate first) and its private key.
  // Nothing, with `error` set for the log, when a file is unreadable, not PEM, the key is
  // encrypted (no one is there to type its passphrase) or does not match the certificate.
  static std::shared_ptr<TlsContext> load(const std::string& cert_path, const std::string& key_path,
                                          std::string& error);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // A server-side session on `sock`, or null when OpenSSL cannot make one.
  SSL* new_session(int sock) const;

 private:
  explicit TlsContext(SSL_CTX* ctx) : m_ctx(ctx) {}
  SSL_CTX* m_ctx;
};

}  // namespace datahub::backend
