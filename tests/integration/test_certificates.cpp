#include "test_certificates.h"

#include <cstdlib>

namespace datahub::testing {

bool make_certificates(const std::string& dir, const std::string& host_name) {
  const std::string cmd =
      "cd '" + dir +
      "' && "
      "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
      "-subj '/CN=Test CA' >/dev/null 2>&1 && "
      "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
      "-subj '/CN=" +
      host_name +
      "' >/dev/null 2>&1 && "
      "printf 'subjectAltName=DNS:" +
      host_name +
      ",IP:127.0.0.1\\n' > san.ext && "
      "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
      "-out server.pem -days 2 -extfile san.ext >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

bool make_client_certificate(const std::string& dir, const std::string& common_name) {
  // The client CA's key is EC: nothing under test reads it but nginx, and an RSA key costs
  // a few hundred milliseconds of a loaded machine. The client's own key is RSA, the usual kind.
  // clientAuth in the extended key usage: what a real client certificate carries, and what
  // OpenSSL checks when a server verifies one that has an extended key usage at all.
  const std::string pass = std::string("pass:") + kEncryptedKeyPassphrase;
  const std::string cmd =
      "cd '" + dir +
      "' && "
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
      "-keyout client-ca.key -out client-ca.pem -days 2 -subj '/CN=Test Client CA' "
      ">/dev/null 2>&1 && "
      "openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr "
      "-subj '/CN=" +
      common_name +
      "/O=Datahub Tests' >/dev/null 2>&1 && "
      "printf 'extendedKeyUsage=clientAuth\\n' > client.ext && "
      "openssl x509 -req -in client.csr -CA client-ca.pem -CAkey client-ca.key "
      "-CAcreateserial -out client.pem -days 2 -extfile client.ext >/dev/null 2>&1 && "
      "openssl pkey -in client.key -aes256 -passout " +
      pass +
      " -out client-key-encrypted.pem >/dev/null 2>&1 && "
      "openssl pkey -in client.key -aes256 -traditional -passout " +
      pass + " -out client-key-encrypted-legacy.pem >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

CertificateFiles certificate_files(const std::string& dir) {
  return {dir + "/ca.pem",
          dir + "/ca.key",
          dir + "/server.pem",
          dir + "/server.key",
          dir + "/client-ca.pem",
          dir + "/client.pem",
          dir + "/client.key",
          dir + "/client-key-encrypted.pem",
          dir + "/client-key-encrypted-legacy.pem"};
}

}  // namespace datahub::testing
