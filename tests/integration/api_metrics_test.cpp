// GET /api/metrics after real traffic, read by Prometheus's own text parser (prometheus_client,
// run with Debian's python3): requests by route and status, /request calls, errors and latency
// per connector, token fetches and failures per connector, store and process figures.
#include <cstdio>
#include <fstream>

#include "token_peers_fixture.h"

namespace datahub::testing {
namespace {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// The samples of `text` as prometheus_client parses them; fails the test when it cannot.
std::vector<Sample> parse_with_prometheus_client(const std::string& text) {
  TempDir dir;
  const std::string input = dir.path() + "/metrics.txt";
  std::ofstream(input) << text;
  const std::string command = "/usr/bin/python3 " DATAHUB_SOURCE_DIR
                              "/tests/integration/prometheus_parse.py < " +
                              input + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  const int status = pipe ? ::pclose(pipe) : -1;
  EXPECT_EQ(status, 0) << "prometheus_client refused the text: " << out;
  std::vector<Sample> samples;
  if (status != 0) return samples;
  for (const auto& s : json::parse(out)) {
    samples.push_back({s[0], s[1].get<std::map<std::string, std::string>>(), s[2]});
  }
  return samples;
}

// The value of the sample `name` whose labels include `labels`; -1 when there is none.
double value_of(const std::vector<Sample>& samples, const std::string& name,
                const std::map<std::string, std::string>& labels = {}) {
  for (const auto& s : samples) {
    if (s.name != name) continue;
    bool match = true;
    for (const auto& [k, v] : labels) match = match && s.labels.count(k) && s.labels.at(k) == v;
    if (match) return s.value;
  }
  return -1;
}

using MetricsApiTest = TokenPeersApiTest;

TEST_F(MetricsApiTest, CountsRequestsConnectorCallsAndTokenFetchesInPrometheusText) {
  const std::string good = active_connector("Good", "/token");
  const std::string bad = active_connector("Bad", "/refuse");
  const json ping = {{"method", "GET"}, {"path", "/ping"}};
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(post("/api/connectors/" + good + "/request", ping).status, 200);
  }
  EXPECT_EQ(post("/api/connectors/" + bad + "/request", ping).status, 502);
  EXPECT_EQ(get("/api/connectors/c_nosuchconnector").status, 404);
  httplib::Client anonymous("127.0.0.1", m_server->port());
  EXPECT_EQ(anonymous.Get("/api/connectors")->status, 401);
  EXPECT_EQ(anonymous.Get("/api/metrics")->status, 401) << "metrics need a credential";

  // A request is counted before its answer is written: one scrape right after sees them all.
  const std::string request_route = "/api/connectors/{id}/request";
  const Reply scrape = get("/api/metrics");
  ASSERT_EQ(scrape.status, 200);
  const std::vector<Sample> samples = parse_with_prometheus_client(scrape.raw);
  EXPECT_EQ(scrape.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  ASSERT_FALSE(samples.empty());

  EXPECT_EQ(value_of(samples, "datahub_http_requests_total",
                     {{"method", "POST"}, {"route", request_route}, {"status", "200"}}),
            3);
  EXPECT_EQ(value_of(samples, "datahub_http_requests_total",
                     {{"method", "POST"}, {"route", request_route}, {"status", "502"}}),
            1);
  EXPECT_EQ(value_of(samples, "datahub_http_requests_total",
                     {{"method", "GET"}, {"route", "/api/connectors/{id}"}, {"status", "404"}}),
            1);
  EXPECT_EQ(value_of(samples, "datahub_http_requests_total",
                     {{"method", "GET"}, {"route", "none"}, {"status", "401"}}),
            2)
      << "refused before routing, under route none";
  EXPECT_EQ(
      value_of(samples, "datahub_http_request_duration_seconds_count", {{"route", request_route}}),
      4);

  EXPECT_EQ(value_of(samples, "datahub_connector_requests_total", {{"connector", good}}), 3);
  EXPECT_EQ(value_of(samples, "datahub_connector_requests_total", {{"connector", bad}}), 1);
  EXPECT_EQ(value_of(samples, "datahub_connector_request_errors_total",
                     {{"connector", bad}, {"problem", "token-error"}}),
            1);
  EXPECT_EQ(value_of(samples, "datahub_connector_request_errors_total", {{"connector", good}}), -1)
      << "no error series for a connector without errors";
  EXPECT_EQ(
      value_of(samples, "datahub_connector_request_duration_seconds_count", {{"connector", good}}),
      3);
  EXPECT_EQ(value_of(samples, "datahub_connector_request_duration_seconds_bucket",
                     {{"connector", good}, {"le", "+Inf"}}),
            3);

  EXPECT_EQ(value_of(samples, "datahub_token_fetches_total", {{"connector", good}}), 1)
      << "the token is cached after the first call";
  EXPECT_EQ(value_of(samples, "datahub_token_fetch_failures_total", {{"connector", good}}), -1);
  EXPECT_EQ(value_of(samples, "datahub_token_fetches_total", {{"connector", bad}}), 1);
  EXPECT_EQ(value_of(samples, "datahub_token_fetch_failures_total", {{"connector", bad}}), 1);

  EXPECT_EQ(value_of(samples, "datahub_connectors"), 2);
  EXPECT_GT(value_of(samples, "datahub_store_size_bytes"), 4096);
  EXPECT_GT(value_of(samples, "process_resident_memory_bytes"), 1 << 20);
  EXPECT_GT(value_of(samples, "process_open_fds"), 3);
  EXPECT_GE(value_of(samples, "process_cpu_seconds_total"), 0);
  EXPECT_GT(value_of(samples, "process_start_time_seconds"), 1.7e9);
  EXPECT_EQ(scrape.raw.find(kPeerSecret), std::string::npos) << "no secret in the metrics";
  EXPECT_EQ(scrape.raw.find(kPeerToken), std::string::npos) << "no token in the metrics";
}

}  // namespace
}  // namespace datahub::testing
