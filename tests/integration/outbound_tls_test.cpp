// TLS to a real HTTPS upstream on loopback: certificates are verified against the CA bundle,
// so a certificate from an unknown CA or for another host is refused before any byte is sent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include <httplib.h>

#include "local_peer.h"
#include "outbound/connector_client.h"
#include "server_process.h"
#include "test_certificates.h"

namespace datahub::testing {
namespace {

class TlsUpstreamTest : public ::testing::Test {
 protected:
  void start(const std::string& host_name) {
    ASSERT_TRUE(make_certificates(m_dir.path(), host_name));
    m_server = std::make_unique<httplib::SSLServer>((m_dir.path() + "/server.pem").c_str(),
                                                    (m_dir.path() + "/server.key").c_str());
    m_server->Get("/v1/ping", [this](const httplib::Request&, httplib::Response& res) {
      ++m_hits;
      res.set_content("pong", "text/plain");
    });
    m_server->Post("/v1/downgrade", [this](const httplib::Request&, httplib::Response& res) {
      res.status = 307;  // repeat the POST, body and all, over plain http
      res.set_header("Location", m_plain_url);
    });
    m_port = m_server->bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    while (!m_server->is_running()) std::this_thread::yield();
  }
  void TearDown() override {
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
  }

  Connector connector() const {
    Connector c;
    c.id = "c_tls";
    c.name = "TLS upstream";
    c.base_url = "https://127.0.0.1:" + std::to_string(m_port) + "/v1";
    c.status = ConnectorStatus::Active;
    return c;
  }

  outbound::OutboundPolicy policy(const std::string& ca) const {
    outbound::OutboundPolicy p;
    p.allow_private_networks = true;
    p.ca_cert_path = ca;
    return p;
  }

  TempDir m_dir;
  std::unique_ptr<httplib::SSLServer> m_server;
  std::thread m_thread;
  int m_port = 0;
  std::atomic<int> m_hits{0};
  std::string m_plain_url;
};

TEST_F(TlsUpstreamTest, ACertificateFromATrustedCaIsAccepted) {
  start("localhost");
  outbound::ConnectorClient client(policy(m_dir.path() + "/ca.pem"));
  outbound::ProxyRequest request;
  request.path = "/ping";
  auto answer = client.request(connector(), request);
  ASSERT_TRUE(answer.ok()) << answer.problem().detail;
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "pong");
}

TEST_F(TlsUpstreamTest, ARedirectFromHttpsToHttpIsNotFollowed) {
  LocalPeer plain;
  std::atomic<int> plain_hits{0};
  plain.server().Post("/collect",
                      [&](const httplib::Request&, httplib::Response&) { ++plain_hits; });
  plain.start();
  m_plain_url = plain.url("/collect");
  start("localhost");
  outbound::ConnectorClient client(policy(m_dir.path() + "/ca.pem"));
  outbound::ProxyRequest request;
  request.method = "POST";
  request.path = "/downgrade";
  request.body = nlohmann::json{{"order", "A-1"}};
  auto answer = client.request(connector(), request);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.problem().type, ProblemType::UpstreamError);
  EXPECT_NE(answer.problem().detail.find("https to http"), std::string::npos);
  EXPECT_EQ(plain_hits.load(), 0) << "the body went out in plain text";
}

TEST_F(TlsUpstreamTest, ACertificateFromAnUnknownCaIsRefused) {
  start("localhost");
  // Debian's bundle does not know the test CA.
  outbound::ConnectorClient client(policy("/etc/ssl/certs/ca-certificates.crt"));
  outbound::ProxyRequest request;
  request.path = "/ping";
  auto answer = client.request(connector(), request);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.problem().type, ProblemType::UpstreamError);
  EXPECT_EQ(m_hits.load(), 0) << "no request may reach an unverified server";
  const auto result = to_json(client.test(connector(), "GET", "/ping"));
  EXPECT_EQ(result["ok"], false);
}

TEST_F(TlsUpstreamTest, ACertificateForAnotherHostIsRefused) {
  start(
      "erp.example.com");  // valid chain, but neither 127.0.0.1 nor localhost... except the IP SAN
  outbound::ConnectorClient client(policy(m_dir.path() + "/ca.pem"));
  Connector c = connector();
  c.base_url = "https://localhost:" + std::to_string(m_port) + "/v1";  // name not in the cert
  outbound::ProxyRequest request;
  request.path = "/ping";
  auto answer = client.request(c, request);
  ASSERT_FALSE(answer.ok()) << "a certificate for erp.example.com must not serve localhost";
  EXPECT_EQ(m_hits.load(), 0);
}

}  // namespace
}  // namespace datahub::testing
