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

}  // namespace datahub::testing
