// The peers the outbound integration tests stand on, tried with libcurl directly: nginx over
// HTTPS and HTTP/2 with a test CA, nginx asking for a client certificate, tinyproxy forwarding
// plain requests and CONNECT tunnels. When these fail, a failing outbound test says nothing.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

#include "local_peer.h"
#include "nginx_peer.h"
#include "peer_process.h"
#include "server_process.h"
#include "test_certificates.h"
#include "tinyproxy_peer.h"

namespace datahub::testing {
namespace {

struct Fetched {
  CURLcode code = CURLE_OK;
  long status = 0;
  long http_version = 0;  // CURL_HTTP_VERSION_1_1, CURL_HTTP_VERSION_2_0...
  std::string body;
};

size_t append(char* data, size_t size, size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

// One transfer; `setup` adds the options of the case (CA, client certificate, proxy...).
Fetched fetch(const std::string& url, const std::function<void(CURL*)>& setup = {}) {
  Fetched out;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl.get(), CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &out.body);
  if (setup) setup(curl.get());
  out.code = curl_easy_perform(curl.get());
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &out.status);
  curl_easy_getinfo(curl.get(), CURLINFO_HTTP_VERSION, &out.http_version);
  return out;
}

std::function<void(CURL*)> trusting(const std::string& ca_file) {
  return [ca_file](CURL* curl) { curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str()); };
}

class PeersTest : public ::testing::Test {
 protected:
  // One set of certificates for the suite: openssl's RSA keys are the slow part of a test.
  static void SetUpTestSuite() {
    s_certs = std::make_unique<TempDir>();
    ASSERT_TRUE(make_certificates(s_certs->path(), "localhost"));
    ASSERT_TRUE(make_client_certificate(s_certs->path()));
  }
  static void TearDownTestSuite() { s_certs.reset(); }

  static std::unique_ptr<TempDir> s_certs;
};
std::unique_ptr<TempDir> PeersTest::s_certs;

TEST_F(PeersTest, NginxServesHttp2OverTlsWithTheTestCa) {
  NginxPeer nginx({.cert_dir = s_certs->path()});
  ASSERT_TRUE(nginx.start()) << nginx.error();

  EXPECT_EQ(fetch(nginx.url("/v1/ping")).code, CURLE_PEER_FAILED_VERIFICATION)
      << "the system roots must not trust the test CA";
  const Fetched ping = fetch(nginx.url("/v1/ping"), trusting(nginx.ca_file()));
  ASSERT_EQ(ping.code, CURLE_OK) << curl_easy_strerror(ping.code);
  EXPECT_EQ(ping.status, 200);
  EXPECT_EQ(ping.http_version, CURL_HTTP_VERSION_2_0);
  EXPECT_EQ(ping.body, R"({"ok":true,"peer":"nginx"})");

  const Fetched token = fetch(nginx.url("/oauth/token"), [&](CURL* curl) {
    trusting(nginx.ca_file())(curl);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "grant_type=client_credentials");
  });
  EXPECT_EQ(token.status, 200);
  EXPECT_EQ(token.body, R"({"access_token":"tok-nginx","token_type":"Bearer","expires_in":3600})");
  EXPECT_EQ(fetch(nginx.url("/oauth/token"), trusting(nginx.ca_file())).status, 405);

  // The refused handshake never makes a request: three lines.
  const auto logged = nginx.wait_for_requests(3);
  ASSERT_EQ(logged.size(), 3u);
  EXPECT_EQ(logged[0].method, "GET");
  EXPECT_EQ(logged[0].uri, "/v1/ping");
  EXPECT_EQ(logged[0].protocol, "HTTP/2.0");
  EXPECT_EQ(logged[0].tls_protocol, "TLSv1.3");
  EXPECT_EQ(logged[0].client_subject, "");
  EXPECT_EQ(logged[0].status, 200);
  EXPECT_EQ(logged[1].method, "POST");
  EXPECT_EQ(logged[1].uri, "/oauth/token");
  EXPECT_EQ(logged[2].status, 405);
}

// Options for a transfer trusting the test CA and presenting a client certificate.
std::function<void(CURL*)> presenting(const CertificateFiles& files, const std::string& cert,
                                      const std::string& key, const char* passphrase = nullptr) {
  return [files, cert, key, passphrase](CURL* curl) {
    trusting(files.ca)(curl);
    curl_easy_setopt(curl, CURLOPT_SSLCERT, cert.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, key.c_str());
    if (passphrase != nullptr) curl_easy_setopt(curl, CURLOPT_KEYPASSWD, passphrase);
  };
}

TEST_F(PeersTest, NginxRequiresAClientCertificateFromTheClientCa) {
  NginxPeer nginx(
      {.cert_dir = s_certs->path(), .client_certificate = ClientCertificate::kRequired});
  ASSERT_TRUE(nginx.start()) << nginx.error();
  const CertificateFiles files = nginx.certificates();
  const std::string ping = nginx.url("/v1/ping");

  // nginx completes the handshake without one and answers 400 "No required SSL certificate".
  EXPECT_EQ(fetch(ping, trusting(files.ca)).status, 400);
  const Fetched with_cert = fetch(ping, presenting(files, files.client_cert, files.client_key));
  EXPECT_EQ(with_cert.status, 200) << curl_easy_strerror(with_cert.code);
  // Signed by the server's CA, not the client CA: nginx trusts only the CA it was given.
  EXPECT_EQ(fetch(ping, presenting(files, files.server_cert, files.server_key)).status, 400);
  // The encrypted keys are the client's key: usable with the passphrase, and only with it.
  EXPECT_EQ(fetch(ping, presenting(files, files.client_cert, files.client_key_encrypted,
                                   kEncryptedKeyPassphrase))
                .status,
            200);
  EXPECT_EQ(fetch(ping, presenting(files, files.client_cert, files.client_key_encrypted_legacy,
                                   kEncryptedKeyPassphrase))
                .status,
            200);
  EXPECT_NE(
      fetch(ping, presenting(files, files.client_cert, files.client_key_encrypted, "wrong")).code,
      CURLE_OK);

  const auto logged = nginx.wait_for_requests(5);
  ASSERT_EQ(logged.size(), 5u);
  EXPECT_EQ(logged[0].status, 400);
  EXPECT_EQ(logged[0].client_verify, "NONE");
  EXPECT_EQ(logged[1].status, 200);
  EXPECT_EQ(logged[1].client_verify, "SUCCESS");
  EXPECT_EQ(logged[1].client_subject, "O=Datahub Tests,CN=Test Client");
  EXPECT_EQ(logged[2].status, 400);
  EXPECT_EQ(logged[2].client_verify.rfind("FAILED:", 0), 0u) << logged[2].client_verify;
}

TEST_F(PeersTest, NginxMayAskForAClientCertificateWithoutRequiringIt) {
  NginxPeer nginx(
      {.cert_dir = s_certs->path(), .client_certificate = ClientCertificate::kOptional});
  ASSERT_TRUE(nginx.start()) << nginx.error();
  const CertificateFiles files = nginx.certificates();
  EXPECT_EQ(fetch(nginx.url("/v1/ping"), trusting(files.ca)).status, 200);
  EXPECT_EQ(
      fetch(nginx.url("/v1/ping"), presenting(files, files.client_cert, files.client_key)).status,
      200);
  const auto logged = nginx.wait_for_requests(2);
  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[0].client_subject, "");
  EXPECT_EQ(logged[1].client_subject, "O=Datahub Tests,CN=Test Client");
}

TEST_F(PeersTest, TinyproxyForwardsPlainRequestsAndConnectTunnelsAndCountsThem) {
  LocalPeer plain;
  plain.server().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  plain.start();
  NginxPeer nginx;  // its own certificates: the default path works too
  ASSERT_TRUE(nginx.start()) << nginx.error();
  TinyproxyPeer proxy({.username = "proxy-user", .password = "proxy.pass-1"});
  ASSERT_TRUE(proxy.start()) << proxy.error();
  auto via_proxy = [&](const char* credentials) {
    return [&, credentials](CURL* curl) {
      trusting(nginx.ca_file())(curl);
      curl_easy_setopt(curl, CURLOPT_PROXY, proxy.url().c_str());
      if (credentials != nullptr) curl_easy_setopt(curl, CURLOPT_PROXYUSERPWD, credentials);
    };
  };
  const std::string plain_host = "127.0.0.1:" + std::to_string(plain.port());
  const std::string nginx_host = "localhost:" + std::to_string(nginx.port());

  EXPECT_EQ(fetch(plain.url("/hello"), via_proxy(nullptr)).status, 407);
  const Fetched hello = fetch(plain.url("/hello"), via_proxy("proxy-user:proxy.pass-1"));
  EXPECT_EQ(hello.status, 200) << curl_easy_strerror(hello.code);
  EXPECT_EQ(hello.body, "hello");
  const Fetched tunneled = fetch(nginx.url("/v1/ping"), via_proxy("proxy-user:proxy.pass-1"));
  EXPECT_EQ(tunneled.status, 200) << curl_easy_strerror(tunneled.code);
  EXPECT_EQ(tunneled.http_version, CURL_HTTP_VERSION_2_0);

  EXPECT_EQ(proxy.count_forwarded("GET", plain_host), 1);
  EXPECT_EQ(proxy.count_forwarded("CONNECT", nginx_host), 1);
  EXPECT_EQ(proxy.count_forwarded("", nginx_host), 1);
  const auto seen = proxy.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_FALSE(seen[0].forwarded) << "refused with 407";
  EXPECT_EQ(seen[1].target, plain.url("/hello"));
  EXPECT_EQ(seen[2].target, nginx_host);
  EXPECT_EQ(nginx.wait_for_requests(1).size(), 1u);
}

// A port taken between picking and starting must come back as kPortTaken (the peers then try
// another) for both programs, though each says it differently.
TEST(PeersStartTest, ATakenPortIsToldApartFromOtherFailures) {
  LocalPeer squatter;
  squatter.start();
  const std::string port = std::to_string(squatter.port());
  TempDir dir;
  const std::string d = dir.path();
  auto logs = [&d] { return read_file(d + "/out") + read_file(d + "/error.log"); };

  std::ofstream(d + "/tinyproxy.conf") << "Port " << port << "\nListen 127.0.0.1\n";
  PeerProcess tinyproxy;
  EXPECT_EQ(tinyproxy.start({"/usr/bin/tinyproxy", "-d", "-c", d + "/tinyproxy.conf"}, d + "/out",
                            squatter.port(), logs),
            PeerProcess::Outcome::kPortTaken)
      << tinyproxy.error();

  std::ofstream(d + "/nginx.conf") << "daemon off; pid " << d << "/nginx.pid; events {}\n"
                                   << "http { access_log off; client_body_temp_path " << d
                                   << "/body; proxy_temp_path " << d << "/proxy;\n"
                                   << "  server { listen 127.0.0.1:" << port << "; } }\n";
  PeerProcess nginx;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(nginx.start(
                {"/usr/sbin/nginx", "-p", d + "/", "-e", d + "/error.log", "-c", d + "/nginx.conf"},
                d + "/out", squatter.port(), logs),
            PeerProcess::Outcome::kPortTaken)
      << nginx.error();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1))
      << "nginx retries a taken port for 2.5 s: the first complaint is enough";

  // A config error is not worth retrying.
  std::filesystem::remove(d + "/error.log");
  std::ofstream(d + "/nginx.conf") << "no_such_directive;\n";
  EXPECT_EQ(nginx.start(
                {"/usr/sbin/nginx", "-p", d + "/", "-e", d + "/error.log", "-c", d + "/nginx.conf"},
                d + "/out", squatter.port() + 1, logs),
            PeerProcess::Outcome::kFailed);
  EXPECT_NE(nginx.error().find("no_such_directive"), std::string::npos) << nginx.error();
}

TEST(PeersStartTest, ExplainWhatIsWrong) {
  NginxPeer missing({.program = "/nonexistent/nginx"});
  EXPECT_FALSE(missing.start());
  EXPECT_NE(missing.error().find("nginx is missing"), std::string::npos) << missing.error();
  TinyproxyPeer proxy({.username = "user", .password = "has space"});
  EXPECT_FALSE(proxy.start());
  EXPECT_NE(proxy.error().find("BasicAuth"), std::string::npos) << proxy.error();
  TempDir empty;
  NginxPeer nginx({.cert_dir = empty.path()});
  EXPECT_FALSE(nginx.start());
  EXPECT_NE(nginx.error().find("server.pem"), std::string::npos) << nginx.error();
}

}  // namespace
}  // namespace datahub::testing
