// Certificates for TLS tests, made with the openssl command line: a CA (ca.pem, ca.key) and a
// server certificate it signs (server.pem, server.key) for a host name and 127.0.0.1; for mutual
// TLS, a second CA for clients and a client certificate it signs, plus that client's key
// encrypted (which the server must refuse: it cannot use a key it cannot read).
#pragma once

#include <string>

namespace datahub::testing {

// Writes ca.pem, ca.key, server.pem, server.key into `dir`; false when openssl failed.
bool make_certificates(const std::string& dir, const std::string& host_name);

// Writes client-ca.pem, client-ca.key, client.pem, client.key (subject CN=`common_name`,
// O=Datahub Tests) and the same key encrypted with kEncryptedKeyPassphrase twice over, as
// PKCS#8 ("BEGIN ENCRYPTED PRIVATE KEY") and in the legacy PEM form ("Proc-Type: 4,ENCRYPTED"),
// into `dir`; false when openssl failed. The client CA is not the server's CA on purpose, so a
// test proves the peer trusts the client CA it was given, not whatever signed the server.
bool make_client_certificate(const std::string& dir,
                             const std::string& common_name = "Test Client");

inline constexpr const char* kEncryptedKeyPassphrase = "test-passphrase";

// The paths of those files in `dir` (whether made yet or not).
struct CertificateFiles {
  std::string ca;                           // ca.pem: trusted to reach the server
  std::string ca_key;                       // ca.key
  std::string server_cert;                  // server.pem
  std::string server_key;                   // server.key
  std::string client_ca;                    // client-ca.pem: trusted by the server for clients
  std::string client_cert;                  // client.pem
  std::string client_key;                   // client.key (not encrypted)
  std::string client_key_encrypted;         // client-key-encrypted.pem (PKCS#8)
  std::string client_key_encrypted_legacy;  // client-key-encrypted-legacy.pem (Proc-Type)
};
CertificateFiles certificate_files(const std::string& dir);

}  // namespace datahub::testing
