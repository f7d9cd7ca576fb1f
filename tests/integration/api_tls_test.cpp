// The HTTPS listener (--tls-cert, --tls-key): the API and the page over TLS with HSTS, a plain
// request on its port told to use https, bad certificate files refused at start, and slow
// handshakes that hold no worker.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <httplib.h>

#include "raw_connection.h"
#include "server_process.h"
#include "test_certificates.h"

namespace datahub::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Forwards one connection to the server, the client's bytes 7 to a TCP segment, so that the
// server sees a ClientHello arrive in dozens of pieces (some of which, its random bytes and
// keys, start with a capital letter as a plain request would: 1 - (230/256)^50 of the time).
class DribblingProxy {
 public:
  static constexpr ssize_t kSegment = 7;

  explicit DribblingProxy(int server_port) : m_server_port(server_port) {
    m_listen = listen_on_loopback(m_port, 1);
    m_thread = std::thread([this] { run(); });
  }
  ~DribblingProxy() {
    m_stop = true;
    m_thread.join();
    ::close(m_listen);
  }
  int port() const { return m_port; }

 private:
  void run() {
    pollfd p{m_listen, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return;
    const int client = ::accept(m_listen, nullptr, nullptr);
    const int server = connect_to_server();
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    char buf[16384];
    while (!m_stop && ::poll(fds, 2, 100) >= 0) {
      if (fds[0].revents != 0) {
        const ssize_t n = ::recv(client, buf, sizeof buf, 0);
        if (n <= 0) break;
        for (ssize_t i = 0; i < n; i += kSegment) {
          ::send(server, buf + i, std::min<std::size_t>(kSegment, n - i), MSG_NOSIGNAL);
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }
      if (fds[1].revents != 0) {
        const ssize_t n = ::recv(server, buf, sizeof buf, 0);
        if (n <= 0) break;
        ::send(client, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL);
      }
    }
    ::close(client);
    ::close(server);
  }
  int connect_to_server() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(m_server_port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    return fd;
  }

  int m_server_port;
  int m_listen = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

class TlsListenerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(make_certificates(m_certs.path(), "localhost")); }

  ServerConfig https_config(std::vector<std::string> extra = {}) const {
    ServerConfig config;
    config.data_dir = m_data.path();
    config.extra_args = {"--tls-cert", m_certs.path() + "/server.pem", "--tls-key",
                         m_certs.path() + "/server.key"};
    config.extra_args.insert(config.extra_args.end(), extra.begin(), extra.end());
    return config;
  }
  void start(std::vector<std::string> extra = {}) {
    m_server = std::make_unique<ServerProcess>(https_config(std::move(extra)));
    ASSERT_TRUE(m_server->started()) << m_server->output();
  }
  // A client that trusts the test CA and carries the admin token, to the server or `port`.
  std::unique_ptr<httplib::SSLClient> client(int port = 0) const {
    auto cli = std::make_unique<httplib::SSLClient>("127.0.0.1", port ? port : m_server->port());
    cli->set_ca_cert_path((m_certs.path() + "/ca.pem").c_str());
    cli->enable_server_certificate_verification(true);
    cli->set_bearer_token_auth(ServerProcess::admin_token());
    cli->set_connection_timeout(std::chrono::seconds(5));
    cli->set_read_timeout(std::chrono::seconds(5));
    return cli;
  }

  TempDir m_certs;
  TempDir m_data;
  std::unique_ptr<ServerProcess> m_server;
};

TEST_F(TlsListenerTest, TheApiIsServedOverHttpsWithStrictTransportSecurity) {
  start();
  EXPECT_NE(m_server->output().find("listening on https://127.0.0.1:"), std::string::npos);
  auto cli = client();
  auto health = cli->Get("/api/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");

  const std::string body = R"({"name": "Over TLS", "base_url": "https://erp.example.com/api"})";
  auto created = cli->Post("/api/connectors", body, "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201) << created->body;
  // Several requests on the client's one kept-alive connection.
  for (int i = 0; i < 3; ++i) {
    auto list = cli->Get("/api/connectors");
    ASSERT_TRUE(list);
    EXPECT_NE(list->body.find("Over TLS"), std::string::npos);
  }
}

TEST_F(TlsListenerTest, APlainRequestOnTheHttpsPortIsToldToUseHttps) {
  start();
  RawConnection plain(m_server->port());
  ASSERT_TRUE(plain.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  EXPECT_EQ(plain.read_status(3000), 400);
  auto health = client()->Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

// Only a connection's first byte can say it is plain HTTP: one that says so in the middle of
// a ClientHello (any byte of its random part) is a handshake going on.
TEST_F(TlsListenerTest, AClientHelloThatArrivesAByteAtATimeIsAHandshake) {
  start();
  DribblingProxy proxy(m_server->port());
  auto health = client(proxy.port())->Get("/api/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
}

TEST_F(TlsListenerTest, AKeyThatIsNotTheCertificatesRefusesToStart) {
  ASSERT_EQ(
      std::system(
          ("openssl genrsa -out '" + m_certs.path() + "/other.key' 2048 2>/dev/null").c_str()),
      0);
  ServerConfig config = https_config();
  config.extra_args[3] = m_certs.path() + "/other.key";
  ServerProcess server(config);
  EXPECT_FALSE(server.started());
  EXPECT_EQ(server.early_exit_code(), 1);
  EXPECT_NE(server.output().find("does not belong to the certificate"), std::string::npos)
      << server.output();
}

TEST_F(TlsListenerTest, ACertificateFileThatIsNotPemRefusesToStart) {
  ServerConfig config = https_config();
  config.extra_args[1] = m_certs.path() + "/san.ext";
  ServerProcess server(config);
  EXPECT_FALSE(server.started());
  EXPECT_NE(server.output().find("--tls-cert"), std::string::npos) << server.output();
}

// 300 connections that begin a handshake and stop: with four workers, the handshakes must be
// waited for without them, and cut after the head timeout.
TEST_F(TlsListenerTest, StalledHandshakesHoldNoWorkerAndAreCut) {
  start({"--workers", "4", "--request-head-timeout", "2", "--connections-per-address", "1000"});
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (int i = 0; i < 300; ++i) {
    auto conn = std::make_unique<RawConnection>(m_server->port(), "127.0.0.2");
    // The first bytes of a TLS record carrying a ClientHello, and no more.
    if (conn->connected() && conn->send(std::string("\x16\x03\x01\x02\x00", 5)))
      stalled.push_back(std::move(conn));
  }
  ASSERT_GT(stalled.size(), 250u);
  auto cli = client();
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    auto health = cli->Get("/api/health");
    ASSERT_TRUE(health) << httplib::to_string(health.error());
    EXPECT_EQ(health->status, 200);
    EXPECT_LT(Clock::now() - start, milliseconds(1000));
    std::this_thread::sleep_for(milliseconds(100));
  }
  // By 3.5 s every stalled handshake has been cut: sending to them fails.
  std::this_thread::sleep_for(milliseconds(3500));
  std::size_t alive = 0;
  for (auto& conn : stalled) alive += conn->send("x") && conn->send("x") ? 1 : 0;
  EXPECT_EQ(alive, 0u);
}

}  // namespace
}  // namespace datahub::testing
