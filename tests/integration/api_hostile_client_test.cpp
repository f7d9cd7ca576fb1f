// Hostile clients: what anyone who reaches the port can send, with and without a token. Each
// attack ends in a 4xx, the process lives, and its peak memory grows by less than 64 MiB
// (before, a chunked or compressed body, a long header line or a many-range request cost
// hundreds of megabytes each).
#include <chrono>
#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "gzip_bomb.h"
#include "raw_connection.h"

namespace datahub::testing {
namespace {

constexpr long kBudgetKib = 64 * 1024;
constexpr std::size_t kMiB = 1024 * 1024;

std::string request_head(const std::string& start_line, const std::string& headers,
                         bool with_token) {
  std::string head = start_line + "\r\nHost: 127.0.0.1\r\n" + headers;
  if (with_token) head += "Authorization: Bearer " + ServerProcess::admin_token() + "\r\n";
  return head + "\r\n";
}

// One chunk of 64 KiB in chunked framing.
std::string chunk_block() {
  return "10000\r\n" + std::string(64 * 1024, 'x') + "\r\n";
}

class HostileClientTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_EQ(get("/api/health").status, 200);
    m_peak_before = m_server->peak_rss_kib();
    ASSERT_GT(m_peak_before, 0);
  }
  // The process still serves, and its peak memory stayed within the budget.
  void expect_unharmed() {
    EXPECT_EQ(get("/api/health").status, 200) << m_server->output();
    const long grown = m_server->peak_rss_kib() - m_peak_before;
    EXPECT_LT(grown, kBudgetKib) << "peak RSS grew by " << grown / 1024 << " MiB";
  }
  // Sends `head`, then streams `block` up to `total` bytes; returns the answer's status.
  int attack(const std::string& head, const std::string& block, std::size_t total) {
    RawConnection conn(m_server->port());
    EXPECT_TRUE(conn.connected());
    conn.send(head);
    conn.stream(block, total);
    return conn.read_status(10000);
  }

  long m_peak_before = 0;
};

TEST_F(HostileClientTest, AChunkedBodyWithoutATokenIsRefusedBeforeItIsRead) {
  const std::string head = request_head("POST /api/connectors HTTP/1.1",
                                        "Content-Type: application/json\r\n"
                                        "Transfer-Encoding: chunked\r\n",
                                        false);
  EXPECT_EQ(attack(head, chunk_block(), 200 * kMiB), 401);
  expect_unharmed();
}

TEST_F(HostileClientTest, ABodyReadUntilCloseWithoutATokenIsRefusedBeforeItIsRead) {
  const std::string head =
      request_head("POST /api/connectors HTTP/1.1", "Content-Type: application/json\r\n", false);
  EXPECT_EQ(attack(head, std::string(64 * 1024, 'x'), 200 * kMiB), 401);
  expect_unharmed();
}

TEST_F(HostileClientTest, AChunkedBodyWithATokenIsCutAtOneMebibyte) {
  const std::string head = request_head("POST /api/connectors HTTP/1.1",
                                        "Content-Type: application/json\r\n"
                                        "Transfer-Encoding: chunked\r\n",
                                        true);
  EXPECT_EQ(attack(head, chunk_block(), 200 * kMiB), 413);
  expect_unharmed();
}

// Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 section 6.3):
// it is answered at once, and what follows is read as the next request, never held.
TEST_F(HostileClientTest, BytesAfterARequestWithoutALengthAreNotItsBody) {
  const std::string head =
      request_head("POST /api/connectors HTTP/1.1", "Content-Type: application/json\r\n", true);
  EXPECT_EQ(attack(head, std::string(64 * 1024, 'x'), 200 * kMiB), 400);
  expect_unharmed();
}

TEST_F(HostileClientTest, APostWithoutABodyOrLengthIsServedAtOnce) {
  const json connector = create(no_auth_connector("Bodiless"));
  const std::string id = connector["id"];
  RawConnection conn(m_server->port());
  conn.send(request_head("POST /api/connectors/" + id + "/activate HTTP/1.1", "", true));
  EXPECT_EQ(conn.read_status(3000), 200);
}

// /api/health needs no token and is a GET: a body announced to it is not waited for (a byte
// every few seconds would hold a worker for hours).
TEST_F(HostileClientTest, APublicRouteDoesNotWaitForABody) {
  const std::string head =
      request_head("POST /api/health HTTP/1.1", "Content-Length: 1000000\r\n", false);
  RawConnection conn(m_server->port());
  conn.send(head);
  EXPECT_EQ(conn.read_status(3000), 404);
  expect_unharmed();
}

TEST_F(HostileClientTest, ACompressedBodyIsNeverInflated) {
  const std::string bomb = gzip_of_zeros(300 * kMiB);
  ASSERT_LT(bomb.size(), 1 * kMiB);
  for (const bool with_token : {false, true}) {
    const std::string head = request_head(
        "POST /api/connectors HTTP/1.1",
        "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " +
            std::to_string(bomb.size()) + "\r\n",
        with_token);
    EXPECT_EQ(attack(head, bomb, bomb.size()), with_token ? 415 : 401);
  }
  expect_unharmed();
}

TEST_F(HostileClientTest, AHeaderLineOfMegabytesIsRefused) {
  const std::string head = "GET /api/connectors HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ";
  const int status = attack(head, std::string(64 * 1024, 'a'), 64 * kMiB);
  EXPECT_EQ(status, 400);
  expect_unharmed();
}

TEST_F(HostileClientTest, NestedJsonIsRefusedAndTheServerLives) {
  const json connector = create(no_auth_connector("Nested"));
  const std::string id = connector["id"];
  const std::string nested = std::string(300000, '[') + std::string(300000, ']');
  for (const std::string& path :
       std::vector<std::string>{"/api/connectors", "/api/connectors/" + id + "/request",
                                "/api/connectors/" + id + "/test"}) {
    Reply r = raw_post(path, nested, "application/json");
    EXPECT_EQ(r.status, 400) << path << ": " << r.raw;
    EXPECT_NE(r.raw.find("deeper than 64"), std::string::npos) << r.raw;
  }
  // 64 levels are still JSON the API reads (here: the wrong shape, a 400 of another kind).
  Reply shallow =
      raw_post("/api/connectors", std::string(64, '[') + std::string(64, ']'), "application/json");
  EXPECT_EQ(shallow.raw.find("deeper than"), std::string::npos) << shallow.raw;
  expect_unharmed();
}

// Static files need a web build: a site with a 473 KB "wasm" file.
class HostileStaticClientTest : public HostileClientTest {
 protected:
  void SetUp() override {
    m_site = std::make_unique<TempDir>();
    std::ofstream(m_site->path() + "/index.html") << "<!doctype html><title>Data Hub</title>";
    std::ofstream(m_site->path() + "/datahub-web.wasm") << std::string(473 * 1024, 'w');
    std::ofstream(m_site->path() + "/datahub-web.js") << "console.log('datahub');";
    ServerConfig config;
    config.extra_args = {"--web", m_site->path()};
    start(config);
    ASSERT_EQ(get("/api/health").status, 200);
    m_peak_before = m_server->peak_rss_kib();
  }
  std::unique_ptr<TempDir> m_site;
};

TEST_F(HostileStaticClientTest, ThousandsOfOverlappingRangesAreNotSatisfied) {
  std::string ranges = "bytes=0-";
  for (int i = 1; i < 2000; ++i) ranges += ",0-";
  for (int round = 0; round < 4; ++round) {
    Reply r = get("/datahub-web.wasm", {{"Range", ranges}});
    EXPECT_EQ(r.status, 416);
    EXPECT_LT(r.raw.size(), 473u * 1024);
  }
  expect_unharmed();
}

TEST_F(HostileStaticClientTest, OneRangeIsStillServed) {
  Reply r = get("/datahub-web.wasm", {{"Range", "bytes=100-199"}});
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.raw, std::string(100, 'w'));
}

TEST_F(HostileStaticClientTest, APathWithANulByteIsRefused) {
  RawConnection conn(m_server->port());
  conn.send("GET /datahub-web.js%00.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(conn.read_status(5000), 400);
}

TEST_F(HostileStaticClientTest, OnlyGetAndHeadReachTheFiles) {
  const std::string head =
      request_head("POST /index.html HTTP/1.1", "Transfer-Encoding: chunked\r\n", false);
  EXPECT_EQ(attack(head, chunk_block(), 200 * kMiB), 404);
  expect_unharmed();
}

}  // namespace
}  // namespace datahub::testing

namespace datahub::testing {
namespace {

// How many answers came back (status lines), on a connection read until the server closed it.
int answers_in(const std::string& received) {
  int n = 0;
  for (auto at = received.find("HTTP/1.1 "); at != std::string::npos;
       at = received.find("HTTP/1.1 ", at + 1))
    ++n;
  return n;
}

class FramingTest : public ApiTest {};

// After a request httplib could not parse, the bytes that follow are not read as requests: a
// request hidden in the refused one's body is never served, and garbage is not answered line
// by line (an amplification).
TEST_F(FramingTest, AnUnreadableRequestEndsItsConnection) {
  RawConnection conn(m_server->port());
  const std::string hidden = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  conn.send("BLAH / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(hidden.size()) +
            "\r\n\r\n" + hidden + "junk\r\njunk\r\njunk\r\n\r\n");
  const std::string received = conn.read_until_closed(3000);
  EXPECT_EQ(received.rfind("HTTP/1.1 400", 0), 0u) << received;
  EXPECT_EQ(answers_in(received), 1) << received;
}

// A refusal before the body was read says Connection: close, and the connection does close:
// the unread body is never taken for the next request.
TEST_F(FramingTest, ARefusedBodyIsNeverReadAsTheNextRequest) {
  RawConnection conn(m_server->port());
  const std::string hidden = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  conn.send(
      "POST /api/connectors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(hidden.size()) + "\r\n\r\n" + hidden);
  const std::string received = conn.read_until_closed(3000);
  EXPECT_EQ(received.rfind("HTTP/1.1 401", 0), 0u) << received;
  EXPECT_EQ(answers_in(received), 1) << received;
}

TEST_F(FramingTest, TwoLengthsOrALengthBesideChunkedAreRefused) {
  for (const std::string framing : {"Content-Length: 2\r\nContent-Length: 30\r\n",
                                    "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
                                    "Transfer-Encoding: gzip, chunked\r\n"}) {
    RawConnection conn(m_server->port());
    conn.send("POST /api/connectors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
              framing + "Authorization: Bearer " + ServerProcess::admin_token() + "\r\n\r\n{}");
    const std::string received = conn.read_until_closed(3000);
    EXPECT_EQ(received.rfind("HTTP/1.1 400", 0), 0u) << framing << received;
    EXPECT_EQ(answers_in(received), 1) << received;
  }
}

}  // namespace
}  // namespace datahub::testing
