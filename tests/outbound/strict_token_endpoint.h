// An in-test token endpoint that is stricter than most real ones: it accepts a request only
// when the client is authenticated exactly as RFC 6749 §2.3.1 says (id and secret
// form-encoded, then Base64) or in the body, and the body is strictly form-encoded (or JSON).
#pragma once

#include <atomic>
#include <map>
#include <string>

#include "test_peers.h"

namespace outbound_test {

struct StrictTokenEndpoint {
  std::string client_id = "a+b:c%d \xC3\xA9";
  std::string client_secret = "s3cr3t:+&= \xC3\xA9";
  std::string username = "svc hub";
  std::string password = "p@ss:w%rd +";
  int expires_in = 3600;
  std::atomic<int> token_requests{0};
  std::atomic<int> delay_ms{0};
  std::map<std::string, std::string> last_params;  // of the last accepted request
  std::string last_auth_method;                    // "basic" or "body"
  LocalServer server;

  // /token checks everything; /error, /garbage, /huge, /string-expiry, /html-500 misbehave.
  StrictTokenEndpoint();
};

// application/x-www-form-urlencoded decoding that refuses anything not strictly encoded.
bool strict_form_decode(const std::string& text, std::string& out);

}  // namespace outbound_test
