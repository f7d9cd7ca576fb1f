// Certificates for TLS tests, made with the openssl command line: a CA (ca.pem, ca.key) and a
// server certificate it signs (server.pem, server.key) for a host name and 127.0.0.1.
#pragma once

#include <string>

namespace datahub::testing {

// Writes the files into `dir`; false when openssl failed.
bool make_certificates(const std::string& dir, const std::string& host_name);

}  // namespace datahub::testing
