// Enterprise networks against real peers on loopback (issue 10): Debian's nginx serving HTTPS
// with a private CA, HTTP/2 and a required client certificate, in front of both the API and the
// token endpoint; Debian's tinyproxy in the way. Each connector setting is used on every leg.
#include <gtest/gtest.h>

#include "nginx_peer.h"
#include "outbound/connector_client.h"
#include "tinyproxy_peer.h"

namespace datahub::testing {
namespace {

// The server trusts only the system bundle: the private CA must come from the connector.
outbound::OutboundPolicy system_roots_only() {
  outbound::OutboundPolicy p;
  p.allow_private_networks = true;
  return p;
}

Connector ping_connector(const NginxPeer& nginx) {
  Connector c;
  c.id = "c_net";
  c.version = 1;
  c.name = "nginx";
  c.base_url = nginx.url("/v1");
  c.status = ConnectorStatus::Active;
  return c;
}

void trust(Connector& c, const NginxPeer& nginx) {
  c.tls.ca_pem = read_file(nginx.ca_file());
}

void present_client_certificate(Connector& c, const NginxPeer& nginx) {
  const auto files = nginx.certificates();
  c.tls.client_cert_pem = read_file(files.client_cert);
  c.tls.client_key_pem = WriteOnly{read_file(files.client_key), true};
}

void use_oauth2(Connector& c, const NginxPeer& nginx) {
  c.auth.method = AuthMethod::OAuth2;
  c.auth.oauth2.token_url = nginx.url("/oauth/token");
  c.auth.oauth2.client_id = "client";
  c.auth.oauth2.client_secret = WriteOnly{"client-secret-1", true};
}

const nlohmann::json& request_step(const nlohmann::json& result) {
  return result["steps"].back();
}

TEST(PrivateCa, RefusedWithoutTheConnectorsCaAcceptedWithItOverHttp2) {
  NginxPeer nginx;
  ASSERT_TRUE(nginx.start()) << nginx.error();
  outbound::ConnectorClient client(system_roots_only());
  Connector c = ping_connector(nginx);

  auto refused = to_json(client.test(c, "GET", "/ping"));
  EXPECT_FALSE(refused["ok"]) << refused.dump();
  EXPECT_NE(refused.dump().find("could not be verified"), std::string::npos) << refused.dump();

  trust(c, nginx);
  auto result = to_json(client.test(c, "GET", "/ping"));
  ASSERT_TRUE(result["ok"]) << result.dump();
  const auto& step = request_step(result);
  EXPECT_EQ(step["http_version"], "2");
  EXPECT_EQ(step["attempts"], 1);
  EXPECT_EQ(step["tls"]["version"], "TLSv1.3");
  EXPECT_NE(step["tls"]["peer_subject"].get<std::string>().find("localhost"), std::string::npos)
      << step.dump();
  EXPECT_FALSE(step["tls"]["peer_not_after"].get<std::string>().empty());
  auto logged = nginx.wait_for_requests(1);
  ASSERT_FALSE(logged.empty());
  EXPECT_EQ(logged.back().protocol, "HTTP/2.0");
}

// Token endpoint and API behind one nginx that demands a client certificate: both legs present
// it. A second connector to the same server without a certificate gets no ride on the first
// one's connection or TLS session.
TEST(MutualTls, EveryLegPresentsTheCertificateAndOnlyItsOwnConnector) {
  NginxPeer nginx({.client_certificate = ClientCertificate::kRequired});
  ASSERT_TRUE(nginx.start()) << nginx.error();
  outbound::ConnectorClient client(system_roots_only());
  Connector c = ping_connector(nginx);
  trust(c, nginx);
  use_oauth2(c, nginx);
  present_client_certificate(c, nginx);

  outbound::ProxyRequest ping;
  ping.path = "/ping";
  auto answer = client.request(c, ping);
  ASSERT_TRUE(answer.ok()) << answer.problem().detail;
  EXPECT_EQ(answer->status, 200) << answer->body;
  auto logged = nginx.wait_for_requests(2);
  ASSERT_EQ(logged.size(), 2u);
  for (const auto& r : logged) {
    EXPECT_EQ(r.client_verify, "SUCCESS") << r.uri;
    EXPECT_NE(r.client_subject.find("CN=Test Client"), std::string::npos) << r.uri;
  }
  EXPECT_EQ(logged[0].uri, "/oauth/token");
  EXPECT_EQ(logged[1].uri, "/v1/ping");

  Connector stranger = ping_connector(nginx);
  stranger.id = "c_stranger";
  trust(stranger, nginx);
  auto refused = client.request(stranger, ping);
  ASSERT_TRUE(refused.ok()) << refused.problem().detail;
  EXPECT_EQ(refused->status, 400);  // nginx: "No required SSL certificate was sent"
  logged = nginx.wait_for_requests(3);
  ASSERT_EQ(logged.size(), 3u);
  EXPECT_EQ(logged[2].client_subject, "");
}

TEST(Proxy, TokenAndDataRequestsBothGoThroughTheConnectorsProxy) {
  NginxPeer nginx;
  ASSERT_TRUE(nginx.start()) << nginx.error();
  TinyproxyPeer proxy({.username = "svc", .password = "proxy-pass-1"});
  ASSERT_TRUE(proxy.start()) << proxy.error();
  outbound::ConnectorClient client(system_roots_only());
  Connector c = ping_connector(nginx);
  trust(c, nginx);
  use_oauth2(c, nginx);
  c.proxy = {ProxyMode::Custom, proxy.url(), "svc", WriteOnly{"proxy-pass-1", true}};

  auto result = to_json(client.test(c, "GET", "/ping"));
  ASSERT_TRUE(result["ok"]) << result.dump();
  EXPECT_EQ(request_step(result)["via_proxy"], proxy.url());
  EXPECT_EQ(result["steps"][0]["name"], "token");
  EXPECT_EQ(result["steps"][0]["via_proxy"], proxy.url());
  EXPECT_EQ(result["steps"][0]["http_version"], "2");
  EXPECT_EQ(result["steps"][0]["tls"]["version"], "TLSv1.3");
  // One tunnel, to the address the guard checked, carried both legs: the token request and the
  // request itself arrived on one connection, and that connection came through the proxy.
  const std::string target = "127.0.0.1:" + std::to_string(nginx.port());
  EXPECT_EQ(proxy.count_forwarded("CONNECT", target), 1);
  auto logged = nginx.wait_for_requests(2);
  ASSERT_EQ(logged.size(), 2u);
  EXPECT_EQ(logged[0].uri, "/oauth/token");
  EXPECT_EQ(logged[1].uri, "/v1/ping");
  EXPECT_EQ(logged[0].connection, logged[1].connection);
  EXPECT_EQ(result.dump().find("proxy-pass-1"), std::string::npos);

  c.proxy.password = WriteOnly{"wrong-password", true};
  auto refused = to_json(client.test(c, "GET", "/ping"));
  EXPECT_FALSE(refused["ok"]) << refused.dump();
  EXPECT_NE(refused.dump().find("proxy"), std::string::npos) << refused.dump();
  EXPECT_EQ(proxy.count_forwarded("CONNECT", target), 1);
}

TEST(Proxy, TheServersProxyUnlessTheConnectorSaysNoneOrNoProxyNamesTheHost) {
  NginxPeer nginx;
  ASSERT_TRUE(nginx.start()) << nginx.error();
  TinyproxyPeer proxy;
  ASSERT_TRUE(proxy.start()) << proxy.error();
  auto policy = system_roots_only();
  policy.outbound_proxy = proxy.url();
  const std::string target = "127.0.0.1:" + std::to_string(nginx.port());
  Connector c = ping_connector(nginx);
  trust(c, nginx);
  {
    outbound::ConnectorClient client(policy);
    EXPECT_TRUE(to_json(client.test(c, "GET", "/ping"))["ok"]);
    EXPECT_EQ(proxy.count_forwarded("CONNECT", target), 1);
    c.proxy.mode = ProxyMode::None;
    EXPECT_TRUE(to_json(client.test(c, "GET", "/ping"))["ok"]);
    EXPECT_EQ(proxy.count_forwarded("CONNECT", target), 1);
  }
  c.proxy.mode = ProxyMode::Server;
  policy.no_proxy = {"localhost"};
  outbound::ConnectorClient client(policy);
  auto direct = to_json(client.test(c, "GET", "/ping"));
  EXPECT_TRUE(direct["ok"]) << direct.dump();
  EXPECT_FALSE(request_step(direct).contains("via_proxy"));
  EXPECT_EQ(proxy.count_forwarded("CONNECT", target), 1);
}

}  // namespace
}  // namespace datahub::testing
