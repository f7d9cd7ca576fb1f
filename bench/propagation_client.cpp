// bench_propagation: how long a change made through server A takes to show on server B when
// both share one store (bench/pg_store_bench.sh). One probe connector is created on A; then,
// per change, B has the current version in hand (so its cache holds it), A gets a PUT, and B is
// read in a tight loop (GET /api/connectors/{id}, one kept-alive connection) until it answers
// the new version or --wait-ms passes.
//
//   bench_propagation --a PORT --b PORT --token T --changes 200 --wait-ms 2000 --never-after 3
//
// Prints one line of key=value pairs: the delay from A's 200 to B's first answer with the new
// version (reach_*), and from the moment the PUT was sent (sent_*). When none of the first
// --never-after changes reaches B within --wait-ms, it stops there and prints never=1: B does
// not learn of A's changes at all. Not a test: it asserts nothing about the figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "api_client.h"

namespace {

using Clock = std::chrono::steady_clock;
using bench::Answer;
using bench::ApiClient;
using nlohmann::json;

struct Settings {
  int port_a = 0;
  int port_b = 0;
  std::string token;
  int changes = 200;
  int wait_ms = 2000;
  int never_after = 3;
};

struct Samples {
  std::vector<double> reach_ms;  // A's 200 -> B shows the version
  std::vector<double> sent_ms;   // PUT sent -> B shows the version
  std::vector<double> put_ms;    // the PUT's own latency on A
  std::vector<double> polls;     // GETs on B per change
  int missed = 0;
};

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100.0 * v.size()))];
}

long version_of(const Answer& a) {
  return a.ok() && a.body.is_object() ? a.body.value("version", 0L) : 0L;
}

// Reads B until it answers `version` (or newer) or `deadline` passes. The moment it did, or
// nothing; `polls` counts the reads.
std::optional<Clock::time_point> wait_on_b(ApiClient& b, const std::string& path, long version,
                                           Clock::time_point deadline, int& polls) {
  polls = 0;
  while (Clock::now() < deadline) {
    const Answer seen = b.send("GET", path);
    ++polls;
    if (version_of(seen) >= version) return Clock::now();
  }
  return std::nullopt;
}

// One PUT on A (a new timeout each time) and B's view of it; false when A refused the PUT.
bool one_change(const Settings& s, ApiClient& a, ApiClient& b, const std::string& path, json body,
                long& version, int n, Samples& out) {
  body["timeout_ms"] = 1000 + n;
  const auto sent = Clock::now();
  const Answer put = a.send("PUT", path, body, version);
  const auto answered = Clock::now();
  if (!put.ok()) {
    std::fprintf(stderr, "bench_propagation: PUT on A: %d %s\n", put.status,
                 put.body.is_null() ? put.error.c_str() : put.body.dump().c_str());
    return false;
  }
  version = version_of(put);
  out.put_ms.push_back(ms_between(sent, answered));
  int polls = 0;
  const auto seen =
      wait_on_b(b, path, version, answered + std::chrono::milliseconds(s.wait_ms), polls);
  out.polls.push_back(polls);
  if (!seen) {
    ++out.missed;  // the next PUT still goes with A's version: B is not asked for one
    return true;
  }
  out.reach_ms.push_back(ms_between(answered, *seen));
  out.sent_ms.push_back(ms_between(sent, *seen));
  return true;
}

Settings parse(int argc, char** argv) {
  Settings s;
  s.port_a = std::stoi(bench::arg(argc, argv, "--a", "0"));
  s.port_b = std::stoi(bench::arg(argc, argv, "--b", "0"));
  s.token = bench::arg(argc, argv, "--token", "");
  s.changes = std::stoi(bench::arg(argc, argv, "--changes", "200"));
  s.wait_ms = std::stoi(bench::arg(argc, argv, "--wait-ms", "2000"));
  s.never_after = std::stoi(bench::arg(argc, argv, "--never-after", "3"));
  return s;
}

void print(const Samples& r, bool never) {
  std::printf(
      "changes=%zu reached=%zu missed=%d never=%d reach_p50_ms=%.3f reach_p90_ms=%.3f "
      "reach_p99_ms=%.3f reach_max_ms=%.3f sent_p50_ms=%.3f sent_p99_ms=%.3f put_p50_ms=%.3f "
      "polls_p50=%.0f\n",
      r.put_ms.size(), r.reach_ms.size(), r.missed, never ? 1 : 0, percentile(r.reach_ms, 50),
      percentile(r.reach_ms, 90), percentile(r.reach_ms, 99),
      r.reach_ms.empty() ? 0.0 : *std::max_element(r.reach_ms.begin(), r.reach_ms.end()),
      percentile(r.sent_ms, 50), percentile(r.sent_ms, 99), percentile(r.put_ms, 50),
      percentile(r.polls, 50));
}

}  // namespace

int main(int argc, char** argv) {
  const Settings s = parse(argc, argv);
  if (s.port_a <= 0 || s.port_b <= 0 || s.token.empty() || s.changes <= 0) {
    std::fprintf(stderr,
                 "usage: bench_propagation --a PORT --b PORT --token T [--changes N] "
                 "[--wait-ms MS] [--never-after N]\n");
    return 2;
  }
  ApiClient a(s.port_a, s.token);
  ApiClient b(s.port_b, s.token);
  a.ask_uncompressed();
  b.ask_uncompressed();
  const json body = bench::connector_body("Propagation probe " + std::to_string(::getpid()),
                                          "https://probe.example.com");
  const Answer created = a.send("POST", "/api/connectors", body);
  if (!created.ok()) {
    std::fprintf(stderr, "bench_propagation: POST on A: %d %s\n", created.status,
                 created.error.c_str());
    return 1;
  }
  const std::string path = "/api/connectors/" + created.body.value("id", std::string());
  long version = version_of(created);
  int polls = 0;
  // B reads the probe once: from here on its cache holds it.
  if (!wait_on_b(b, path, version, Clock::now() + std::chrono::seconds(5), polls)) {
    std::fprintf(stderr, "bench_propagation: B never served the probe A created\n");
    return 1;
  }
  Samples samples;
  bool never = false;
  for (int n = 1; n <= s.changes; ++n) {
    if (!one_change(s, a, b, path, body, version, n, samples)) return 1;
    if (n == s.never_after && samples.reach_ms.empty()) {
      never = true;
      break;
    }
  }
  a.send("DELETE", path);
  print(samples, never);
  return 0;
}
